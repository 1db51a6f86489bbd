package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtc.cli.fanout.LogsUrl;
import org.junit.jupiter.api.Test;

class PublishRequestsTest {

    private final BenchIds ids = new BenchIds("k3v9x2q");

    @Test
    void aRequestIsTheHeadTheIdAndTheBody() {
        FanoutPayload payload = new FanoutPayload(60, false);
        PublishRequests requests = new PublishRequests(LogsUrl.parse("http://127.0.0.1:18182/fanout/"), "text/plain",
                ids, payload);

        String request = requests.encode(1, 2047, true, 5, 7).toString();

        assertThat(request).isEqualTo("POST /fanout/api/logs HTTP/1.1\r\n"
                + "Host: 127.0.0.1:18182\r\n"
                + "Content-Type: text/plain\r\n"
                + "Message-Id: bk3v9x2q-1-2047\r\n"
                + "Content-Length: 60\r\n"
                + "\r\n"
                + payload.text(true, 5, 7));
    }

    @Test
    void theHostLeavesOutTheSchemesPortAndBracketsIpv6() {
        assertThat(PublishRequests.authority(LogsUrl.parse("http://example.com"))).isEqualTo("example.com");
        assertThat(PublishRequests.authority(LogsUrl.parse("https://example.com:443"))).isEqualTo("example.com");
        assertThat(PublishRequests.authority(LogsUrl.parse("https://example.com:8443"))).isEqualTo("example.com:8443");
        assertThat(PublishRequests.authority(LogsUrl.parse("http://[::1]:8082"))).isEqualTo("[::1]:8082");
    }

    @Test
    void aContentTypeMustBeOneHeaderLine() {
        assertThat(PublishRequests.oneLine("application/json; charset=utf-8")).isTrue();
        assertThat(PublishRequests.oneLine("text/plain\r\nX-Evil: 1")).isFalse();
        assertThatThrownBy(() -> new PublishRequests(LogsUrl.parse("http://h"), "text/plain\n", ids,
                new FanoutPayload(60, false))).isInstanceOf(IllegalArgumentException.class);
    }
}
