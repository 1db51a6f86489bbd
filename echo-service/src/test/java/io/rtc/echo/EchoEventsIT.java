package io.rtc.echo;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class EchoEventsIT extends EchoEventsTest {
}
