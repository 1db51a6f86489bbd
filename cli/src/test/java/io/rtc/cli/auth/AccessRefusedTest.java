package io.rtc.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.Test;

class AccessRefusedTest {

    @Test
    void theReasonIsTheBodysErrorOrFirstLine() {
        assertThat(AccessRefused.reason(401, "{\"error\":\"Invalid token: it has expired\"}", null))
                .isEqualTo("Invalid token: it has expired");
        assertThat(AccessRefused.reason(403, "This token does not have the role 'publisher'\nmore\n", null))
                .isEqualTo("This token does not have the role 'publisher'");
    }

    @Test
    void withoutABodyTheChallengeSaysWhy() {
        assertThat(AccessRefused.reason(401, "", "Bearer error=\"invalid_token\", error_description=\"Invalid token: bad signature\""))
                .isEqualTo("Invalid token: bad signature");
        assertThat(AccessRefused.reason(401, null, "Bearer")).isEqualTo("no valid token (the server gave no reason)");
        assertThat(AccessRefused.reason(403, " ", null)).isEqualTo("not allowed (the server gave no reason)");
    }

    @Test
    void theMessageNamesTheStepTheStatusAndTheReason() {
        AccessRefused refused = new AccessRefused("negotiate", 401, "Invalid token: it has expired");
        assertThat(refused.getMessage()).isEqualTo("negotiate answered 401 Unauthorized: Invalid token: it has expired");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(new AccessRefused("WebSocket upgrade", 403, "no").getMessage()).isEqualTo("WebSocket upgrade answered 403 Forbidden: no");
    }

    @Test
    void anUpgradeRefusedWith401Or403IsARefusal() {
        UpgradeRejectedException rejected = new UpgradeRejectedException("WebSocket upgrade failure: 401", 401,
                MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("A bearer token is required\n"));

        AccessRefused refused = AccessRefused.ofUpgrade("WebSocket upgrade", rejected);

        assertThat(refused.getMessage()).isEqualTo("WebSocket upgrade answered 401 Unauthorized: A bearer token is required");
        assertThat(AccessRefused.ofUpgrade("WebSocket upgrade", new UpgradeRejectedException("x", 404,
                MultiMap.caseInsensitiveMultiMap(), null))).isNull();
        assertThat(AccessRefused.ofUpgrade("WebSocket upgrade", new IllegalStateException("x"))).isNull();
    }
}
