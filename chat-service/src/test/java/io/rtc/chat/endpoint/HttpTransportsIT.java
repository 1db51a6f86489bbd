package io.rtc.chat.endpoint;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class HttpTransportsIT extends HttpTransportsTest {
}
