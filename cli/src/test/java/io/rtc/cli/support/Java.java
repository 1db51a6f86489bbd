package io.rtc.cli.support;

import java.nio.file.Path;

/** The java launcher of the JVM running the tests, so child processes use the same JDK. */
public final class Java {

    private Java() {
    }

    public static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
