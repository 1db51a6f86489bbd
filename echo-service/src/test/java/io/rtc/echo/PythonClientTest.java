package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.Urls;

/**
 * A client nobody here wrote: the Python {@code websockets} library from Debian, with its own framing,
 * permessage-deflate, pings and closing handshake. {@code .ci/run} installs python3-websockets.
 */
@QuarkusTest
class PythonClientTest {

    static final String PYTHON = "/usr/bin/python3";

    @TestHTTPResource("/")
    URI http;

    @Test
    void pythonWebsocketsClientPassesEveryCheck() throws IOException, InterruptedException {
        Path script = Path.of("src/test/python/echo_client.py").toAbsolutePath();
        Process process = new ProcessBuilder(PYTHON, script.toString(), Urls.ws(http, "").toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python client finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ok echo /\n", "ok echo /echo\n", "ok 64 KiB whole, compression permessage-deflate",
                "ok oversized closed 1009", "ok fragmented oversized closed 1009", "all checks passed");
    }
}
