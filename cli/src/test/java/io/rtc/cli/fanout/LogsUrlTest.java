package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogsUrlTest {

    @Test
    void theRequestsOfABaseUrl() {
        LogsUrl url = LogsUrl.parse("http://localhost:8082");
        RequestOptions publish = url.publishRequest(Duration.ofSeconds(3));
        assertThat(publish.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(publish.getHost()).isEqualTo("localhost");
        assertThat(publish.getPort()).isEqualTo(8082);
        assertThat(publish.getURI()).isEqualTo("/api/logs");
        assertThat(publish.getTimeout()).isEqualTo(3000);
        assertThat(url.archiveRequest(500, Duration.ofSeconds(1)).getURI()).isEqualTo("/api/logs?limit=500");
        assertThat(url.stream().url()).isEqualTo("ws://localhost:8082/logs/stream");
        assertThat(url.publishUrl()).isEqualTo("http://localhost:8082/api/logs");
    }

    @Test
    void aPathPrefixIsKeptAndTrailingSlashesDropped() {
        LogsUrl url = LogsUrl.parse("https://example.org/fanout/");
        assertThat(url.port()).isEqualTo(443);
        assertThat(url.ssl()).isTrue();
        assertThat(url.publishRequest(Duration.ofSeconds(1)).getURI()).isEqualTo("/fanout/api/logs");
        assertThat(url.stream().url()).isEqualTo("wss://example.org:443/fanout/logs/stream");
    }

    @Test
    void onlyHttpBaseUrls() {
        assertThatThrownBy(() -> LogsUrl.parse("ws://localhost:8082")).hasMessageContaining("http://");
        assertThatThrownBy(() -> LogsUrl.parse("http://localhost:8082/?x=1")).hasMessageContaining("no query");
        assertThatThrownBy(() -> LogsUrl.parse("http:///nohost")).hasMessageContaining("no host");
    }
}
