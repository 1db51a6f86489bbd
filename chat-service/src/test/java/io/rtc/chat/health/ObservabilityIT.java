package io.rtc.chat.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ObservabilityIT extends ObservabilityTest {
}
