package io.rtc.echo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same checks against the packaged fast-jar. */
@QuarkusIntegrationTest
@TestProfile(CallbackPathProfile.class)
class CallbackPathFrameRateIT extends FrameRateTest {
}
