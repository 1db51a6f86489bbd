package io.rtc.fanout.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link FanoutApiTest} on the packaged jar. */
@QuarkusIntegrationTest
class FanoutApiIT extends FanoutApiTest {
}
