package animerec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bench-serve's socket client when the server closes an idle keep-alive connection. */
class ServeLoadConnectionTest {
    /** Reads one request's head (up to the blank line); false when the client closed the connection first. */
    private static boolean readRequest(InputStream in) throws IOException {
        int newlines = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                if (++newlines == 2) {
                    return true;
                }
            } else if (c != '\r') {
                newlines = 0;
            }
        }
        return false;
    }

    private static void answer(Socket s, String body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void aKeptAliveConnectionTheServerClosedWhileIdleIsRetriedOnceOnANewOne() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    try (Socket first = server.accept()) { // answers once, keeps it alive, then closes it while idle
                        readRequest(first.getInputStream());
                        answer(first, "one");
                    }
                    closed.countDown();
                    try (Socket second = server.accept()) {
                        readRequest(second.getInputStream());
                        answer(second, "two");
                        readRequest(second.getInputStream()); // until the client closes
                    }
                } catch (IOException ignored) {
                    // the test's assertions tell
                }
            });
            t.setDaemon(true);
            t.start();
            URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
            try (ServeLoad.Connection c = new ServeLoad.Connection(base)) {
                ServeLoad.Response one = c.get("/a");
                assertEquals("one", new String(one.body(), StandardCharsets.US_ASCII));
                closed.await(10, TimeUnit.SECONDS);
                ServeLoad.Response two = c.get("/b");
                assertEquals(200, two.status());
                assertEquals("two", new String(two.body(), StandardCharsets.US_ASCII));
            }
            t.join(10_000);
        }
    }

    @Test
    void aNewConnectionClosedBeforeAnyAnswerIsNotRetried() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int[] accepted = new int[1];
            Thread t = new Thread(() -> {
                try {
                    server.setSoTimeout(3_000);
                    for (;;) {
                        try (Socket s = server.accept()) {
                            accepted[0]++;
                            readRequest(s.getInputStream());
                        }
                    }
                } catch (IOException ignored) {
                    // accept timed out: no more connections
                }
            });
            t.setDaemon(true);
            t.start();
            try (ServeLoad.Connection c = new ServeLoad.Connection(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
                assertThrows(IOException.class, () -> c.get("/a"));
            }
            t.join(10_000);
            assertEquals(1, accepted[0], "one connection: a server that never answers is not asked twice");
        }
    }
}
