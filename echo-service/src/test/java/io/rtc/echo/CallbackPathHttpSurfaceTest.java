package io.rtc.echo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same checks with {@code echo.fast-path=false}: both paths must answer alike. */
@QuarkusTest
@TestProfile(CallbackPathProfile.class)
class CallbackPathHttpSurfaceTest extends HttpSurfaceTest {
}
