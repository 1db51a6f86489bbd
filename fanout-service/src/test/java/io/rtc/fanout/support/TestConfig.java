package io.rtc.fanout.support;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.rtc.fanout.config.FanoutConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A real {@link FanoutConfig} without Quarkus, mapped by SmallRye Config as at run time, so a unit test gets
 * the service's own defaults and conversions (durations, sizes) rather than a hand-made stub that could drift
 * from them. No other source is read: not application.properties, not the environment.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /**
     * @param archiveDir the archive's folder (a test's own, so runs never share files), or null for the default
     * @param settings property names and their values, in pairs: {@code "fanout.publish.max-in-flight", "2"}
     */
    public static FanoutConfig config(Path archiveDir, String... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in pairs of name and value");
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(FanoutConfig.class)
                // Quarkus' own, for "5s" and "500ms": plain SmallRye reads only ISO-8601 (PT5S)
                .withConverter(Duration.class, 200, new DurationConverter());
        if (archiveDir != null) {
            builder.withDefaultValue("fanout.archive.dir", archiveDir.toString());
        }
        for (int i = 0; i < settings.length; i += 2) {
            builder.withDefaultValue(settings[i], settings[i + 1]);
        }
        return builder.build().getConfigMapping(FanoutConfig.class);
    }
}
