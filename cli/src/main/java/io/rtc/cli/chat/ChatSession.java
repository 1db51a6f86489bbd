package io.rtc.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.signalr.HubClient;
import io.rtc.cli.signalr.HubConnector;
import io.rtc.cli.signalr.HubException;
import io.rtc.cli.signalr.HubListener;
import io.rtc.cli.signalr.HubOptions;
import io.rtc.cli.signalr.HubUrl;
import io.rtc.cli.ws.WsClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One chat connection seen from the console thread: blocking join and leave, fire-and-track sends.
 * The {@link HubClient} lives on a single event loop; every call hops onto it, and everything the
 * hub says comes back as printed lines or as a {@link ChatEvent.Closed}.
 */
final class ChatSession implements HubListener, AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Context context;
    private final LinePrinter printer;
    private final BlockingQueue<ChatEvent> events;
    private final Duration timeout;
    private final SendTracker tracker = new SendTracker();
    private volatile HubClient hub;
    private volatile String closedReason;

    private ChatSession(LinePrinter printer, BlockingQueue<ChatEvent> events, Duration timeout) {
        // One event loop is plenty for a single interactive connection.
        this.vertx = WsClients.reserveTimerIdZero(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1)));
        this.context = vertx.getOrCreateContext();
        this.printer = printer;
        this.events = events;
        this.timeout = timeout;
    }

    /** @param accessToken the JWT to present on negotiate and on the transport's requests, or null for anonymous */
    static ChatSession connect(HubUrl url, HubOptions options, String accessToken, LinePrinter printer,
                               BlockingQueue<ChatEvent> events) throws ChatFailure, InterruptedException {
        Duration timeout = options.timeout();
        ChatSession session = new ChatSession(printer, events, timeout);
        HubConnector connector = new HubConnector(session.vertx, options);
        // Its own pool for the HTTP transports: the event stream or a poll holds one connection, a POST another.
        HttpClient http = session.vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(4)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        try {
            session.hub = session.await(() -> connector.connect(url, http,
                    WsClients.create(session.vertx, timeout, null), session, accessToken), timeout.multipliedBy(3));
            return session;
        } catch (ChatFailure failure) {
            session.close();
            if (failure.exitCode() == ExitCodes.UNAUTHORIZED) {
                throw new ChatFailure(ExitCodes.UNAUTHORIZED, "Refused by " + url + ": " + failure.getMessage());
            }
            throw new ChatFailure(ExitCodes.FAILURE, "Cannot connect to " + url + ": " + failure.getMessage());
        }
    }

    /** Fails with exit code 1 when the hub refuses (its error in the message), 4 on no answer. */
    void join(String room) throws ChatFailure, InterruptedException {
        try {
            await(() -> hub.invoke("JoinRoom", room), timeout);
        } catch (ChatFailure failure) {
            throw new ChatFailure(failure.exitCode(), "JoinRoom failed: " + failure.getMessage());
        }
    }

    /**
     * Prints the room's last {@code limit} messages as {@code user: message}, oldest first. Before the join,
     * so that they come before anything live; a message sent in the instant between the two is missed.
     */
    void history(String room, int limit) throws ChatFailure, InterruptedException {
        JsonNode messages;
        try {
            messages = await(() -> hub.invoke("GetHistory", room, limit), timeout);
        } catch (ChatFailure failure) {
            throw new ChatFailure(failure.exitCode(), "GetHistory failed: " + failure.getMessage());
        }
        for (JsonNode message : messages) {
            printer.out(message.path("user").asText() + ": " + message.path("message").asText());
        }
    }

    /** Sends without waiting; a hub error is printed on stderr and the session goes on. */
    void send(String room, String user, String message) {
        context.runOnContext(v -> {
            tracker.sent(user, message);
            hub.invoke("SendMessage", room, user, message).onComplete(done -> {
                // A lost connection is reported once, by the console loop, not once per message in flight.
                if (done.failed() && done.cause() instanceof HubException) {
                    printer.err("Hub error: " + describe(done.cause()));
                }
                tracker.answered(user, message, done.succeeded());
            });
        });
    }

    /**
     * Waits until each message sent was answered and came back from the room. Not fatal when it
     * times out: the hub may deliver elsewhere only; what is missing is said on stderr.
     */
    void settle() throws InterruptedException {
        try {
            await(tracker::settled, timeout);
        } catch (ChatFailure failure) {
            String missing;
            try {
                missing = await(() -> Future.succeededFuture(tracker.unanswered() + " sends unanswered, "
                        + tracker.missingEchoes() + " messages not seen back"), SHUTDOWN_WAIT);
            } catch (ChatFailure again) {
                missing = again.getMessage();
            }
            printer.err("rtc: " + failure.getMessage() + " at the end of input: " + missing);
        }
    }

    /** A hub error on leaving is printed; the session ends normally anyway. */
    void leave(String room) throws ChatFailure, InterruptedException {
        try {
            await(() -> hub.invoke("LeaveRoom", room), timeout);
        } catch (ChatFailure failure) {
            if (failure.exitCode() != ExitCodes.FAILURE) {
                throw failure;
            }
            printer.err("Hub error: " + failure.getMessage());
        }
    }

    @Override
    public void invoked(String target, ArrayNode arguments) {
        if (target.equalsIgnoreCase("ReceiveMessage") && arguments.size() >= 2) {
            String user = arguments.get(0).asText();
            String message = arguments.get(1).asText();
            printer.out(user + ": " + message);
            tracker.received(user, message);
        }
    }

    @Override
    public void closed(String reason) {
        closedReason = reason;
        events.add(new ChatEvent.Closed(reason));
    }

    @Override
    public void close() {
        try {
            if (hub != null) {
                await(() -> hub.close(), SHUTDOWN_WAIT);
            }
        } catch (Exception ignored) {
            // The process is ending either way; a lost close frame only matters to the server.
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // Event-loop threads are daemons: a slow shutdown cannot keep the process alive.
        }
    }

    /**
     * Runs {@code action} on the event loop and waits for its result. Failures become a
     * {@link ChatFailure}: exit code 1 for a hub error or refusal, 3 for a lost connection, 4 for no answer.
     */
    private <T> T await(Supplier<Future<T>> action, Duration limit) throws ChatFailure, InterruptedException {
        Future<T> future = Future.future(promise -> context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        }));
        try {
            return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChatFailure(ExitCodes.TIMEOUT, String.format(Locale.ROOT, "no answer within %.1f s",
                    limit.toMillis() / 1000.0));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AccessRefused) {
                throw new ChatFailure(ExitCodes.UNAUTHORIZED, describe(cause));
            }
            if (cause instanceof HubException || hub == null) {
                throw new ChatFailure(ExitCodes.FAILURE, describe(cause));
            }
            String reason = closedReason;
            throw new ChatFailure(ExitCodes.CONNECTION_LOST, "Connection lost: " + (reason != null ? reason : describe(cause)));
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
