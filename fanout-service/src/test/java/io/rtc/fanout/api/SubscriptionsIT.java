package io.rtc.fanout.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SubscriptionsTest} on the packaged jar. */
@QuarkusIntegrationTest
class SubscriptionsIT extends SubscriptionsTest {
}
