package io.rtc.chat.events;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ChatEventsIT extends ChatEventsTest {
}
