package io.rtc.echo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The frame-rate limit with {@code echo.fast-path=false}: the callbacks are throttled the same way. */
@QuarkusTest
@TestProfile(CallbackPathProfile.class)
class CallbackPathFrameRateTest extends FrameRateTest {
}
