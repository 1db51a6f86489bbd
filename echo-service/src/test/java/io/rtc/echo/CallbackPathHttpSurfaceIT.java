package io.rtc.echo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same checks against the packaged fast-jar, with {@code echo.fast-path=false}. */
@QuarkusIntegrationTest
@TestProfile(CallbackPathProfile.class)
class CallbackPathHttpSurfaceIT extends HttpSurfaceTest {
}
