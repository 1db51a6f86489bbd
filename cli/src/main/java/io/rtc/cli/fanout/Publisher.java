package io.rtc.cli.fanout;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.ws.WsClose;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.net.NetClientOptions;
import java.io.PrintStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking publishes for the console: one {@code POST /api/logs} at a time, retried on 503 with
 * the same {@code Message-Id} (so the server can drop a copy it already published), waiting as
 * long as the server's {@code Retry-After} asks (at most {@code maxWait}), or 1, 2, 4... s without it.
 */
final class Publisher implements AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Context context;
    private final HttpClient http;
    private final LogsUrl url;
    private final String contentType;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final int retries;
    private final Duration maxWait;
    private final PrintStream err;
    private final String accessToken;

    Publisher(LogsUrl url, String contentType, Duration timeout, Duration connectTimeout, int retries, Duration maxWait,
              PrintStream err) {
        this(url, contentType, timeout, connectTimeout, retries, maxWait, err, null);
    }

    /** @param accessToken the JWT sent as {@code Authorization: Bearer} with each POST, or null */
    Publisher(LogsUrl url, String contentType, Duration timeout, Duration connectTimeout, int retries, Duration maxWait,
              PrintStream err, String accessToken) {
        // One event loop is plenty for one request at a time.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.context = vertx.getOrCreateContext();
        this.http = LogsApi.client(vertx, 1, connectTimeout, null);
        this.url = url;
        this.contentType = contentType;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.retries = retries;
        this.maxWait = maxWait;
        this.err = err;
        this.accessToken = accessToken;
    }

    /** Opens (and closes) one TCP connection, so that an interactive user learns before typing that nobody listens. */
    void checkReachable() throws PublishFailure, InterruptedException {
        // Plain TCP, even for https: whether something listens is all this asks.
        var client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) Math.max(1, connectTimeout.toMillis())));
        try {
            await(client.connect(url.port(), url.host()).compose(socket -> socket.close()),
                    connectTimeout.plusSeconds(1));
        } catch (Exception e) {
            throw new PublishFailure(ExitCodes.FAILURE, "Cannot connect to " + url.publishUrl() + ": " + describe(e));
        } finally {
            client.close();
        }
    }

    /**
     * Publishes {@code body} under {@code messageId} and returns the id the server confirmed.
     *
     * @throws PublishFailure when the server refused it, stayed unavailable or could not be reached
     */
    String publish(String messageId, Buffer body) throws PublishFailure, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            PublishOutcome outcome;
            try {
                // On the event loop: a request made from this thread may see its response (head and body in one
                // packet) before the body handler is set, and then read an empty body (the server's error lost).
                outcome = await(Future.future(done -> context.runOnContext(v ->
                        LogsApi.publish(http, url, messageId, contentType, body, timeout, accessToken).onComplete(done))),
                        timeout.plusSeconds(1));
            } catch (TimeoutException e) {
                throw timedOut();
            } catch (Exception e) {
                throw failed(e);
            }
            if (outcome.accepted()) {
                return outcome.id() != null ? outcome.id() : messageId;
            }
            if (!outcome.unavailable()) {
                throw refused(outcome);
            }
            if (attempt >= retries) {
                throw new PublishFailure(ExitCodes.FAILURE, "Not published, still unavailable after " + (attempt + 1)
                        + (attempt == 0 ? " attempt (" : " attempts (") + outcome.describe() + ")");
            }
            Duration wait = outcome.retryAfter() != null ? outcome.retryAfter()
                    : FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 20));
            if (wait.compareTo(maxWait) > 0) {
                wait = maxWait;
            }
            err.printf(Locale.ROOT, "Server unavailable (%s); retrying in %s s (retry %d of %d)%n",
                    outcome.describe(), seconds(wait), attempt + 1, retries);
            err.flush();
            Thread.sleep(wait.toMillis());
        }
    }

    private PublishFailure refused(PublishOutcome outcome) {
        int status = outcome.status();
        if (AccessRefused.refuses(status)) {
            return new PublishFailure(ExitCodes.UNAUTHORIZED, "Not published, " + (status == 401 ? "token refused" : "not allowed")
                    + " (" + outcome.describe() + ")");
        }
        String what = switch (status) {
            case 400 -> "bad request";
            case 413 -> "message too large";
            case 415 -> "unsupported content type";
            default -> status >= 500 ? "server error" : "refused";
        };
        int exitCode = status >= 400 && status < 500 ? ExitCodes.REJECTED : ExitCodes.FAILURE;
        return new PublishFailure(exitCode, "Not published, " + what + " (" + outcome.describe() + ")");
    }

    private PublishFailure failed(Exception e) {
        if (isTimeout(e)) {
            return timedOut();
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new PublishFailure(ExitCodes.FAILURE, "Cannot connect to " + url.publishUrl() + ": " + describe(e));
        }
        return new PublishFailure(ExitCodes.CONNECTION_LOST, "Connection failed: " + describe(e));
    }

    private PublishFailure timedOut() {
        return new PublishFailure(ExitCodes.TIMEOUT, String.format(Locale.ROOT,
                "No answer from %s within %s s (the message may have been published)", url.publishUrl(), seconds(timeout)));
    }

    private static boolean isTimeout(Throwable t) {
        // Vert.x fails a request that got no answer in time with its own (stackless) timeout exception.
        return t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout");
    }

    @Override
    public void close() {
        try {
            await(vertx.close(), SHUTDOWN_WAIT);
        } catch (Exception ignored) {
            // Event-loop threads are daemons: a slow shutdown cannot keep the process alive.
        }
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String describe(Throwable t) {
        if (t instanceof TimeoutException) {
            return "timed out";
        }
        return WsClose.describe(t);
    }

    private static <T> T await(Future<T> future, Duration limit) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
