package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.LogsQueue;
import io.rtc.chat.support.LogsQueue.Event;
import io.rtc.testsupport.Ports;
import io.rtc.testsupport.PrivateRabbit;

/**
 * The packaged chat-service on a RabbitMQ node of the test's own (RABBITMQ_PORT, which also shows
 * that the contract's variable reaches the connector), stopped and started again: chat goes on as
 * if nothing happened, readiness stays UP, and the events of the outage arrive once the node is
 * back. A consumer's durable queue, declared before, keeps them through the restart.
 */
class RabbitOutageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration NORMAL_LATENCY = Duration.ofSeconds(1);
    /** Shutdown otherwise waits its full 10 s for the hub's WebSocket requests (as in every chat test). */
    private static final String SHUTDOWN_TIMEOUT = "1s";
    private static PrivateRabbit rabbit;

    @BeforeAll
    static void startRabbit() throws Exception {
        rabbit = PrivateRabbit.launch();
    }

    @AfterAll
    static void stopRabbit() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void chatGoesOnThroughAnOutageAndItsEventsArriveAfterwards() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String room = "outage-" + run;
        String queue = "chat-outage-" + run;
        LogsQueue.declareDurable(rabbit.port(), queue);
        try (ChatInstance chat = ChatInstance.start(Map.of("RABBITMQ_PORT", Integer.toString(rabbit.port()),
                "CHAT_EVENTS_CONFIRM_TIMEOUT", "2s", "QUARKUS_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT));
                HubPeer alice = HubPeer.connect(chat.hubUrl());
                HubPeer bob = HubPeer.connect(chat.hubUrl())) {
            alice.call("JoinRoom", room);
            bob.call("JoinRoom", room);
            bob.listen();
            alice.call("SendMessage", room, "alice", "before");
            Set<String> before;
            try (LogsQueue logs = LogsQueue.consume(rabbit.port(), queue)) {
                before = ids(logs.await(inRoom(room), 3, Duration.ofSeconds(10))); // the events flow
            }

            rabbit.stop();
            assertThat(chat.status("/q/health/ready")).as("readiness does not depend on RabbitMQ").isEqualTo(200);
            for (int i = 1; i <= 5; i++) {
                alice.call("SendMessage", room, "alice", "during #" + i);
                bob.awaitMessage("alice: during #" + i, NORMAL_LATENCY);
            }
            String carolId;
            try (HubPeer carol = HubPeer.connect(chat.hubUrl())) {
                carolId = carol.connectionId();
                carol.call("JoinRoom", room);
                bob.awaitMessage("System: " + carolId + " has joined the room " + room, NORMAL_LATENCY);
            } // carol's disconnect leaves the room
            bob.awaitMessage("System: " + carolId + " has left the room " + room, NORMAL_LATENCY);
            await().atMost(Duration.ofSeconds(5)).until(() -> metric(chat, "chat_events_pending") >= 7);

            rabbit.start();
            try (LogsQueue logs = LogsQueue.consume(rabbit.port(), queue)) {
                Predicate<Event> fromTheOutage = inRoom(room).and(e -> !before.contains(e.properties().getMessageId()));
                await().atMost(Duration.ofSeconds(30)).until(() -> ids(logs.events().stream().filter(fromTheOutage).toList()).size() >= 7);
                Map<String, Event> during = logs.events().stream().filter(fromTheOutage)
                        .collect(Collectors.toMap(e -> e.properties().getMessageId(), e -> e, (first, copy) -> first));
                assertThat(during.values()).as("five messages, carol's join and leave; a copy re-sent carries the same id")
                        .extracting(e -> e.type() + " " + e.json().path("connectionId").asText())
                        .containsExactlyInAnyOrder("message.sent " + alice.connectionId(), "message.sent " + alice.connectionId(),
                                "message.sent " + alice.connectionId(), "message.sent " + alice.connectionId(),
                                "message.sent " + alice.connectionId(), "room.joined " + carolId, "room.left " + carolId);
                assertThat(during.values()).allSatisfy(e -> assertThat(e.properties().getDeliveryMode()).isEqualTo(2));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(chat, "chat_events_pending") == 0);
            assertThat(metric(chat, "chat_events_dropped_total")).isZero();
            assertThat(metric(chat, "chat_events_published_total")).isGreaterThanOrEqualTo(3 + 5 + 2);
            assertThat(alice.isClosed() || bob.isClosed()).as("clients stayed connected").isFalse();
        }
    }

    /**
     * RabbitMQ away from the start, one event in flight and room for 5 more: the rest is dropped,
     * counted and logged. The reconnect attempts do not flood the log.
     */
    @Test
    void aFullOutboxDropsCountsAndLogs() throws Exception {
        String room = "overflow-" + UUID.randomUUID().toString().substring(0, 8);
        int nobody = Ports.free(); // no broker at all: the service must start and serve anyway
        try (ChatInstance chat = ChatInstance.start(Map.of("RABBITMQ_PORT", Integer.toString(nobody),
                "CHAT_EVENTS_BUFFER_SIZE", "5", "CHAT_EVENTS_MAX_IN_FLIGHT", "1", "CHAT_EVENTS_CONFIRM_TIMEOUT", "2s",
                "QUARKUS_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT));
                HubPeer alice = HubPeer.connect(chat.hubUrl());
                HubPeer bob = HubPeer.connect(chat.hubUrl())) {
            alice.call("JoinRoom", room);
            bob.call("JoinRoom", room);
            bob.listen();
            for (int i = 1; i <= 20; i++) {
                alice.call("SendMessage", room, "alice", "#" + i);
            }
            bob.awaitMessage("alice: #20", NORMAL_LATENCY);

            int events = 2 + 20;
            double dropped = metric(chat, "chat_events_dropped_total");
            assertThat(dropped).as("at most 5 queued and the first in flight").isGreaterThanOrEqualTo(events - 5 - 1);
            assertThat(dropped + metric(chat, "chat_events_pending")).as("every event is pending or dropped").isEqualTo(events);
            Path log = Path.of("target", "chat-" + chat.port() + ".log");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(log))
                    .contains("event(s) dropped: the outbox of 5 events is full"));
            assertThat(Files.readString(log).split("event\\(s\\) dropped", -1)).as("logged once (at most every 10 s)").hasSize(2);
            // a confirm missing for 2 s: by then the client has tried to connect (once a second) several times
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("was not confirmed by RabbitMQ"));
            assertThat(Files.readString(log).split("Could not connect to rabbitmq", -1)).as("one reconnect failure logged in 30 s")
                    .hasSize(2);
        }
    }

    private static Set<String> ids(List<Event> events) {
        return events.stream().map(e -> e.properties().getMessageId()).collect(Collectors.toSet());
    }

    private static Predicate<Event> inRoom(String room) {
        return e -> e.json() != null && room.equals(e.json().path("room").asText());
    }

    private static double metric(ChatInstance chat, String name) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(chat.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
