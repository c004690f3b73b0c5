package animerec.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aHandEditedJsonWithAStaleChecksumFileStaysReadableAndTheChecksumGoes() throws Exception {
        Configuration conf = new Configuration();
        Path file = tmp.resolve("results.json");
        Files.writeString(file, "{\"edited\": true}");
        Path crc = tmp.resolve(".results.json.crc"); // as Hadoop's checksummed local file system leaves one
        Files.write(crc, new byte[] {'c', 'r', 'c', 0, 0, 0, 2, 0, 1, 2, 3, 4});
        assertEquals("{\"edited\": true}", HadoopFiles.readString(conf, file.toString()));
        HadoopFiles.writeStringAtomically(conf, file.toString(), "{\"new\": 1}");
        assertEquals("{\"new\": 1}", Files.readString(file));
        assertFalse(Files.exists(crc), "the stale checksum file is removed");
        assertEquals("{\"new\": 1}", HadoopFiles.readString(conf, file.toString()));
    }
}
