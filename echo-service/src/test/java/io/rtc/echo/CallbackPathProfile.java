package io.rtc.echo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Messages answered by the endpoint's WebSockets Next callbacks instead of the Netty fast path. */
public class CallbackPathProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("echo.fast-path", "false");
    }
}
