package io.rtc.echo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The slow reader again with {@code echo.fast-path=false}: the throttle must hold for the callbacks too. */
@QuarkusTest
@TestProfile(CallbackPathSlowReaderTest.Profile.class)
class CallbackPathSlowReaderTest extends SlowReaderTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("echo.peer-timeout", "60s", "echo.fast-path", "false",
                    "echo.limits.frame-rate", FLOOD_FRAME_RATE, "echo.limits.frame-burst", "1000");
        }
    }
}
