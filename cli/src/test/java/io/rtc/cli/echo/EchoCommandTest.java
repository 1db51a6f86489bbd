package io.rtc.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rtc.cli.support.FreePort;
import org.junit.jupiter.api.Test;

/**
 * `rtc echo` through the real Quarkus entry point. Only cases that fail before reading stdin: in
 * this test mode Quarkus owns System.in, so the piped cases live in {@link PipedEchoTest}.
 */
@QuarkusMainTest
class EchoCommandTest {

    @Test
    void nothingListeningIsOneClearErrorAndExitCode1(QuarkusMainLauncher launcher) throws Exception {
        String url = "ws://127.0.0.1:" + FreePort.find() + "/";

        LaunchResult result = launcher.launch("echo", "--url", url);

        assertEquals(1, result.exitCode());
        assertEquals("", result.getOutput());
        String error = result.getErrorOutput();
        assertTrue(error.startsWith("Cannot connect to " + url + ": "), error);
        assertTrue(error.toLowerCase().contains("refused"), error);
        assertEquals(1, error.lines().count(), error);
    }

    @Test
    void invalidUrlIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("echo", "--url", "http://localhost:8080/");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("ws://"), result::getErrorOutput);
    }

    @Test
    void noCommandIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch();

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("rtc echo"), result::getErrorOutput);
    }
}
