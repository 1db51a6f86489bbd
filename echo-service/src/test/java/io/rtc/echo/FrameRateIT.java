package io.rtc.echo;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged fast-jar. */
@QuarkusIntegrationTest
class FrameRateIT extends FrameRateTest {
}
