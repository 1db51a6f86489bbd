package io.rtc.fanout.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OptionalTokensTest} on the packaged jar. */
@QuarkusIntegrationTest
class OptionalTokensIT extends OptionalTokensTest {
}
