package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogsApiTest {

    @Test
    void aConfirmationCarriesTheId() {
        PublishOutcome outcome = LogsApi.outcome(202, "{\"id\":\"0193abc\"}", null);
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.id()).isEqualTo("0193abc");
        assertThat(LogsApi.outcome(202, "", null).id()).isNull();
    }

    @Test
    void aRefusalCarriesTheServersErrorAndRetryAfter() {
        PublishOutcome busy = LogsApi.outcome(503, "{\"error\":\"broker unavailable\"}", "2");
        assertThat(busy.accepted()).isFalse();
        assertThat(busy.unavailable()).isTrue();
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(busy.describe()).isEqualTo("503: broker unavailable");
        assertThat(LogsApi.outcome(413, "{\"error\":\"too large\"}", null).describe()).isEqualTo("413: too large");
        assertThat(LogsApi.outcome(404, "", null).describe()).isEqualTo("404");
    }

    @Test
    void anErrorThatIsNotJsonIsItsFirstLine() {
        assertThat(LogsApi.errorOf("\n  Bad gateway  \nmore")).isEqualTo("Bad gateway");
        assertThat(LogsApi.errorOf("{\"message\":\"x\"}")).isEqualTo("{\"message\":\"x\"}");
        assertThat(LogsApi.errorOf("x".repeat(300))).hasSize(203).endsWith("...");
        assertThat(LogsApi.errorOf(" ")).isNull();
    }
}
