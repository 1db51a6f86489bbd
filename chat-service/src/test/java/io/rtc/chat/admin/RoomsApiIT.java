package io.rtc.chat.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RoomsApiIT extends RoomsApiTest {
}
