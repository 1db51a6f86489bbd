package io.rtc.cli.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * Runs a picocli command with the process's stdin, stdout and stderr replaced, and gives what it printed;
 * for commands that read System.in, which @QuarkusMainTest keeps for itself. Register it as a field with
 * {@code @RegisterExtension}: the streams are captured for each test and put back after it.
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

    private InputStream originalIn;
    private PrintStream originalOut;
    private PrintStream originalErr;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalIn = System.in;
        originalOut = System.out;
        originalErr = System.err;
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Runs {@code command} with {@code stdin} as its input; returns the exit code. */
    public int run(Object command, String stdin, String... args) {
        return run(command, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    public int run(Object command, InputStream stdin, String... args) {
        System.setIn(stdin);
        return new CommandLine(command).execute(args);
    }

    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
