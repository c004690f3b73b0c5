package animerec.util;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Which code made an artifact: the package version and the git commit (when known). */
public final class BuildInfo {
    private static volatile String commit;

    private BuildInfo() {
    }

    public static String codeVersion() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The git commit: {@code ANIMEREC_GIT_COMMIT} (set by scripts/animerec), else {@code git rev-parse HEAD}
     * in the working folder, else {@code unknown}.
     */
    public static String gitCommit() {
        if (commit == null) {
            String env = System.getenv("ANIMEREC_GIT_COMMIT");
            commit = env != null && !env.isBlank() ? env.trim() : askGit();
        }
        return commit;
    }

    private static String askGit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String line;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && line != null && line.matches("[0-9a-f]{40}")) {
                return line;
            }
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
