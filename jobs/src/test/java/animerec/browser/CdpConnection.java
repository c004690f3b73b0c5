package animerec.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol connection over the JDK's WebSocket: commands get an id and a pending future, answers
 * complete it, events go to the listeners. Text frames that arrive in parts are assembled before parsing (a full-page
 * screenshot is one message of megabytes). Listeners run on the WebSocket's thread: they must not block.
 */
final class CdpConnection implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final Duration commandTimeout;
    private volatile String closedReason;

    private CdpConnection(URI ws, Duration connectTimeout, Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        try {
            socket = http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(ws, new Receiver())
                    .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChromiumException("interrupted while connecting to " + ws, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ChromiumException("cannot connect to the DevTools endpoint " + ws + ": " + e, e);
        }
    }

    static CdpConnection open(URI ws, Duration connectTimeout, Duration commandTimeout) {
        return new CdpConnection(ws, connectTimeout, commandTimeout);
    }

    /** Sends a command (to a target's session when sessionId is not null) and waits for its result. */
    JsonNode call(String sessionId, String method, ObjectNode params) {
        return call(sessionId, method, params, commandTimeout);
    }

    JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout) {
        CompletableFuture<JsonNode> answer = send(sessionId, method, params);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChromiumException("interrupted waiting for " + method, e);
        } catch (TimeoutException e) {
            throw new ChromiumException(method + ": no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ChromiumException ce ? new ChromiumException(ce.getMessage(), ce)
                    : new ChromiumException(method + ": " + cause, cause);
        }
    }

    CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (closedReason != null) {
            pending.remove(id);
            answer.completeExceptionally(new ChromiumException(method + ": connection closed (" + closedReason + ")"));
            return answer;
        }
        String text = message.toString();
        // the JDK's WebSocket allows one outstanding send at a time
        synchronized (socket) {
            try {
                socket.sendText(text, true).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.remove(id);
                answer.completeExceptionally(e);
            } catch (ExecutionException | TimeoutException e) {
                pending.remove(id);
                answer.completeExceptionally(new ChromiumException(method + ": cannot send: " + e, e));
            }
        }
        return answer;
    }

    void addListener(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<JsonNode> listener) {
        listeners.remove(listener);
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            return; // not JSON: the protocol never sends that; nothing to route it to
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null) {
                answer.completeExceptionally(new ChromiumException(
                        "DevTools error " + error.path("code").asInt() + ": " + error.path("message").asText()
                                + (error.has("data") ? " (" + error.path("data").asText() + ")" : "")));
            } else {
                answer.complete(message.path("result"));
            }
        } else if (message.has("method")) {
            for (Consumer<JsonNode> listener : listeners) {
                try {
                    listener.accept(message);
                } catch (RuntimeException e) {
                    // one listener's bug must not stop the others or the connection
                }
            }
        }
    }

    private void failAll(String reason) {
        closedReason = reason;
        for (Integer id : pending.keySet()) {
            CompletableFuture<JsonNode> answer = pending.remove(id);
            if (answer != null) {
                answer.completeExceptionally(new ChromiumException("connection closed (" + reason + ")"));
            }
        }
    }

    @Override
    public void close() {
        if (closedReason == null) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the browser is going away anyway
            }
            socket.abort();
            failAll("closed by the harness");
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll("closed by the browser: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll("error: " + error);
        }
    }
}
