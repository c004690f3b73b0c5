package animerec.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files on the local disk that the driver alone keeps (study summaries, pipeline state), written the way
 * {@link HadoopFiles#writeStringAtomically} writes shared ones: a hidden temporary file, then an atomic rename, so a
 * reader never sees half a file.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    public static void writeAtomically(Path file, String text) {
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
