package animerec.browser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, for tests that render the project's HTML. The binary
 * is $CHROMIUM, else /usr/bin/chromium, else chromium or chromium-browser on the PATH; tests skip with
 * {@link #available()} when there is none. Each instance has its own fresh profile directory, deleted on close, and
 * runs without background networking (update checks, sync, component downloads): the only requests are the pages'.
 */
public final class Chromium implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int TAIL_LINES = 30;

    private final Process process;
    private final Path profile;
    private final CdpConnection cdp;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private boolean closed;

    private Chromium(Path binary, Duration startTimeout) {
        try {
            profile = Files.createTempDirectory("animerec-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            process = pb.start();
        } catch (IOException e) {
            deleteProfile(profile);
            throw new ChromiumException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread drain = new Thread(() -> drainStderr(endpoint), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        CdpConnection connection = null;
        try {
            URI ws = endpoint.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            connection = CdpConnection.open(ws, Duration.ofSeconds(10), COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ChromiumException("interrupted while starting " + binary, e);
        } catch (TimeoutException | ExecutionException | ChromiumException e) {
            kill();
            String why = e instanceof TimeoutException
                    ? "no DevTools endpoint within " + startTimeout.toSeconds() + " s"
                    : e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage();
            throw new ChromiumException(binary + " did not start: " + why + "; its last stderr lines:\n" + tail());
        }
        cdp = connection;
    }

    /** Starts a headless Chromium and connects to it (30 s start-up timeout). */
    public static Chromium start() {
        return start(START_TIMEOUT);
    }

    public static Chromium start(Duration startTimeout) {
        Path binary = binary().orElseThrow(() -> new ChromiumException(
                "no chromium: set $CHROMIUM or install Debian's chromium package"));
        return start(binary, startTimeout);
    }

    /** Starts the given binary (a test's stand-in for Chromium, for the start-up failures). */
    static Chromium start(Path binary, Duration startTimeout) {
        return new Chromium(binary, startTimeout);
    }

    /** The Chromium binary: $CHROMIUM when set (even if it is not there), else /usr/bin/chromium, else the PATH. */
    public static Optional<Path> binary() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Path usual = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(usual)) {
            return Optional.of(usual);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, name);
                    if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a Chromium binary is there (for Assumptions.assumeTrue). */
    public static boolean available() {
        return binary().isPresent();
    }

    /** Opens a new tab (target) on about:blank with Page, Runtime, Network and Log enabled and a 1280x800 viewport. */
    public Page newPage() {
        if (closed) {
            throw new ChromiumException("this Chromium is closed");
        }
        return Page.open(cdp);
    }

    /** The last lines Chromium wrote to stderr (for a failure message). */
    public String tail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private void drainStderr(CompletableFuture<URI> endpoint) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (!endpoint.isDone() && m.find()) {
                    endpoint.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; the exit below tells the waiting starter
        }
        // keep reading until EOF (a full pipe would block Chromium), then report an exit before the endpoint
        endpoint.completeExceptionally(new ChromiumException(exitDescription()));
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "it exited with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "it closed its stderr";
    }

    /** Closes the connection, kills Chromium and its child processes, and deletes the profile directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cdp.close();
        } finally {
            kill();
        }
    }

    private void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // gone or stuck: nothing more a test can do
            }
        }
        deleteProfile(profile);
    }

    private static void deleteProfile(Path dir) {
        // a dying renderer may still write a file: a few tries
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
