package io.rtc.chat.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.backplane.RedisLink;
import io.rtc.chat.support.RedisProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Room history in a Redis Stream on the shared Redis: ids in order, newest n oldest first, trimmed near the cap. */
class RedisHistoryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> rooms = new ArrayList<>();
    private Vertx vertx;
    private Redis client;
    private RedisLink link;
    private RedisProbe probe;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        probe = new RedisProbe(vertx, RedisProbe.sharedUrl());
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisProbe.sharedUrl()).setMaxWaitingHandlers(1 << 16));
        link = new RedisLink("history-" + run, vertx, client, Duration.ofMillis(100), Duration.ofSeconds(1));
        link.start();
        await().atMost(WAIT).until(link::up);
    }

    @AfterEach
    void tearDown() throws Exception {
        rooms.forEach(room -> probe.send(Command.DEL, "chat:history:" + room));
        link.close();
        client.close();
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void appendReturnsIncreasingIdsAndLatestReturnsTheNewestOldestFirst() {
        RedisHistory history = new RedisHistory(link, 1000);
        String room = room("chat");
        Instant before = Instant.now();
        List<ChatMessage> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appended.add(done(history.append(room, "user" + i, "message " + i)));
        }
        Instant after = Instant.now();

        for (int i = 1; i < appended.size(); i++) {
            assertThat(compareIds(appended.get(i).id(), appended.get(i - 1).id())).as("id %d after id %d", i, i - 1).isPositive();
        }
        assertThat(appended).allSatisfy(m -> assertThat(Instant.parse(m.timestamp())).isBetween(before, after));
        assertThat(appended).extracting(ChatMessage::user).containsExactly("user0", "user1", "user2", "user3", "user4");

        List<ChatMessage> latest = done(history.latest(room, 3));
        assertThat(latest).containsExactlyElementsOf(appended.subList(2, 5));
        assertThat(latest).extracting(ChatMessage::user, ChatMessage::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user2", "message 2"),
                org.assertj.core.groups.Tuple.tuple("user3", "message 3"),
                org.assertj.core.groups.Tuple.tuple("user4", "message 4"));
        assertThat(done(history.latest(room, 50))).containsExactlyElementsOf(appended);
        assertThat(done(history.latest(room, 1))).containsExactly(appended.get(4));
    }

    @Test
    void anyTextComesBackAsItWasSent() {
        RedisHistory history = new RedisHistory(link, 1000);
        String room = room("text");
        String message = "line one\nline two \"quoted\" \\ back, emoji 😀, ünïcødé, tab\tend, {\"json\":true}\u001e";
        ChatMessage stored = done(history.append(room, "Zoë", message));
        assertThat(done(history.latest(room, 10))).containsExactly(stored);
        assertThat(stored.message()).isEqualTo(message);
        assertThat(stored.user()).isEqualTo("Zoë");
    }

    @Test
    void aRoomWithoutHistoryHasNoMessagesAndRoomsAreSeparate() {
        RedisHistory history = new RedisHistory(link, 1000);
        String room = room("a");
        String other = room("b");
        assertThat(done(history.latest(room, 10))).isEmpty();
        ChatMessage inOther = done(history.append(other, "bob", "only in b"));
        assertThat(done(history.latest(room, 10))).isEmpty();
        assertThat(done(history.latest(other, 10))).containsExactly(inOther);
    }

    @Test
    void theStreamIsTrimmedNearTheCap() {
        int cap = 200;
        long nodeSize = Long.parseLong(probe.config("stream-node-max-entries"));
        RedisHistory history = new RedisHistory(link, cap);
        String room = room("trimmed");
        List<Uni<ChatMessage>> appends = new ArrayList<>();
        for (int i = 0; i < cap * 2; i++) {
            appends.add(history.append(room, "alice", "message " + i));
        }
        List<ChatMessage> appended = Uni.join().all(appends).andFailFast().await().atMost(Duration.ofSeconds(10));

        long length = probe.number(Command.XLEN, "chat:history:" + room);
        // MAXLEN ~ only drops whole stream nodes, so up to one node's worth more than the cap may remain
        assertThat(length).as("XLEN after %d appends with cap %d (node size %d)", cap * 2, cap, nodeSize)
                .isBetween((long) cap, cap + nodeSize);
        List<ChatMessage> latest = done(history.latest(room, cap));
        assertThat(latest).containsExactlyElementsOf(appended.subList(cap, cap * 2));
        assertThat(latest.get(latest.size() - 1).message()).isEqualTo("message " + (cap * 2 - 1));
    }

    /** Orders stream ids ({@code <ms>-<seq>}) as Redis does. */
    private static int compareIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    private String room(String name) {
        String room = "history-test-" + run + "-" + name;
        rooms.add(room);
        return room;
    }

    private static <T> T done(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
