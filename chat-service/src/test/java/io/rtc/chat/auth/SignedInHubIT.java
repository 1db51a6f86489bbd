package io.rtc.chat.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SignedInHubIT extends SignedInHubTest {
}
