package io.rtc.cli.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rtc.cli.support.Hs256;
import io.rtc.cli.support.TestChatHub;
import io.rtc.cli.support.TestChatHub.Credential;
import io.rtc.cli.support.TestChatHub.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `rtc bench chat` signed in: one token for every member, or one HS256 token minted per member. */
@QuarkusMainTest
class BenchChatTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "the-chat-service-hmac-secret-for-tests";
    private static TestChatHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = TestChatHub.start(2);
    }

    @AfterAll
    static void stopHub() throws Exception {
        hub.close();
    }

    @BeforeEach
    void forget() {
        hub.credentials().clear();
        hub.calls().clear();
    }

    @Test
    void hmacSecretMintsOneVerifiableTokenPerMember(QuarkusMainLauncher launcher) throws Exception {
        hub.tokenCheck(token -> {
            try {
                Hs256.verify(token, SECRET, "https://issuer.example", "rtc-chat");
                return null;
            } catch (Exception e) {
                return new Refusal(401, "Invalid token: bad signature");
            }
        });

        LaunchResult result = launcher.launch("bench", "chat", "--json", "--url",
                hub.url(0, "/authHub") + "," + hub.url(1, "/authHub"), "--rooms", "2", "--members", "3", "--senders", "1",
                "--rate", "20", "--duration", "1", "--warmup", "0", "--hmac-secret", SECRET,
                "--token-issuer", "https://issuer.example", "--token-audience", "rtc-chat");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("auth").asText()).isEqualTo("hmac");
        assertThat(report.get("joined").asInt()).isEqualTo(6);
        assertThat(result.getErrorOutput()).contains("minted 6 HS256 tokens").doesNotContain(SECRET);

        List<String> negotiated = tokens(hub.credentials(), "negotiate");
        assertThat(negotiated).hasSize(6).doesNotHaveDuplicates();
        Set<String> subjects = new HashSet<>();
        for (String token : negotiated) {
            JwtClaims claims = Hs256.verify(token, SECRET, "https://issuer.example", "rtc-chat");
            subjects.add(claims.getSubject());
            assertThat(claims.getStringClaimValue("preferred_username")).isEqualTo(claims.getSubject());
            assertThat(claims.getStringListClaimValue("rooms")).containsExactly("*");
            assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
        }
        assertThat(subjects).isEqualTo(IntStream.range(0, 6).mapToObj(n -> "bench-" + n).collect(Collectors.toSet()));
        // the WebSocket carries the member's own token twice (header and query), the one it negotiated with
        List<Credential> upgrades = hub.credentials().stream().filter(c -> c.step().equals("upgrade")).toList();
        assertThat(upgrades).hasSize(6).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + c.accessToken()));
        assertThat(upgrades.stream().map(Credential::accessToken).collect(Collectors.toSet())).isEqualTo(new HashSet<>(negotiated));
        // each member sends under its token's name, as chat-service demands of a signed-in user
        assertThat(hub.calls()).filteredOn(call -> call.startsWith("SendMessage(")).isNotEmpty()
                .allMatch(call -> call.matches("SendMessage\\([^,]+,bench-[03],.*"));
    }

    @Test
    void oneTokenForEveryMemberWhoSendUnderItsName(QuarkusMainLauncher launcher) throws Exception {
        String token = unsignedJwt("{\"sub\":\"u-1\",\"preferred_username\":\"alice\"}");
        hub.tokenCheck(presented -> token.equals(presented) ? null : new Refusal(401, "Invalid token: bad signature"));

        LaunchResult result = launcher.launch("bench", "chat", "--json", "--url", hub.url(0, "/authHub"), "--rooms", "1",
                "--members", "3", "--senders", "2", "--rate", "20", "--duration", "1", "--warmup", "0", "--token", token);

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("auth").asText()).isEqualTo("token");
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(hub.credentials()).hasSize(6).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + token));
        assertThat(hub.calls()).filteredOn(call -> call.startsWith("SendMessage(")).isNotEmpty()
                .allMatch(call -> call.matches("SendMessage\\([^,]+,alice,.*"));
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(token);
    }

    @Test
    void aRefusedTokenFailsTheRunWithTheReason(QuarkusMainLauncher launcher) throws Exception {
        hub.tokenCheck(presented -> new Refusal(401, "Invalid token: it has expired"));

        LaunchResult result = launcher.launch("bench", "chat", "--json", "--quiet", "--url", hub.url(0, "/authHub"),
                "--rooms", "1", "--members", "2", "--senders", "1", "--duration", "0.5", "--warmup", "0",
                "--token", "expired-s3cr3t-token");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(report.get("connectFailures").asInt()).isEqualTo(2);
        assertThat(report.get("firstError").asText())
                .isEqualTo("connect: negotiate answered 401 Unauthorized: Invalid token: it has expired");
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain("expired-s3cr3t-token");
    }

    @Test
    void anonymousRunsReportHowFastTheMembersConnected(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "chat", "--json", "--url", hub.url(0, "/chatHub"), "--rooms", "2",
                "--members", "3", "--senders", "1", "--rate", "10", "--duration", "0.5", "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("auth").asText()).isEqualTo("none");
        double connectSeconds = report.get("connectSeconds").asDouble();
        assertThat(connectSeconds).isPositive().isLessThanOrEqualTo(report.get("joinSeconds").asDouble());
        // connectSeconds is printed to the millisecond, the rate from the exact time: it lies within that rounding
        assertThat(report.get("connectRate").asDouble()).isBetween(6 / (connectSeconds + 0.0005),
                6 / Math.max(connectSeconds - 0.0005, 1e-6));
        JsonNode connect = report.get("connectLatencyMicros");
        assertThat(connect.get("count").asInt()).isEqualTo(6);
        assertThat(connect.get("p50").asDouble()).isPositive();
        assertThat(hub.credentials()).isEmpty();
    }

    @Test
    void theSummaryNamesTheConnectRate(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("bench", "chat", "--quiet", "--url", hub.url(0, "/chatHub"),
                "--rooms", "1", "--members", "2", "--senders", "1", "--rate", "10", "--duration", "0.5", "--warmup", "0");

        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(result.getOutput()).containsPattern("connect +anonymous: all connected in [0-9.]+ s \\([0-9.,]+ connects/s\\)");
    }

    @Test
    void tokenOptionsThatCannotWorkAreUsageErrors(QuarkusMainLauncher launcher) {
        LaunchResult both = launcher.launch("bench", "chat", "--token", "a.b.c", "--hmac-secret", SECRET);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.getErrorOutput()).contains("exclude each other");
        LaunchResult shortSecret = launcher.launch("bench", "chat", "--hmac-secret", "too-short");
        assertThat(shortSecret.exitCode()).isEqualTo(2);
        assertThat(shortSecret.getErrorOutput()).contains("at least 32 bytes");
        assertThat(launcher.launch("bench", "chat", "--protocol", "socketio", "--token", "a.b.c").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "chat", "--token-issuer", "x").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "chat", "--token", "two words").exitCode()).isEqualTo(2);
    }

    private static List<String> tokens(List<Credential> credentials, String step) {
        List<String> tokens = new ArrayList<>();
        for (Credential credential : credentials) {
            if (credential.step().equals(step)) {
                assertThat(credential.authorization()).startsWith("Bearer ");
                tokens.add(credential.authorization().substring("Bearer ".length()));
            }
        }
        return tokens;
    }

    private static String unsignedJwt(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** Stdout must be exactly one JSON object: scripts parse it without filtering. */
    private static JsonNode onlyJsonObject(LaunchResult result) throws Exception {
        assertThat(result.getOutputStream()).as(result::getOutput).hasSize(1);
        JsonNode node = JSON.readTree(result.getOutput());
        assertThat(node.isObject()).as(result::getOutput).isTrue();
        return node;
    }
}
