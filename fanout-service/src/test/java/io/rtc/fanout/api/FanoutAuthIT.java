package io.rtc.fanout.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link FanoutAuthTest} on the packaged jar. */
@QuarkusIntegrationTest
@TestProfile(FanoutAuthTest.RequiredAuth.class)
class FanoutAuthIT extends FanoutAuthTest {
}
