package io.rtc.chat.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.rtc.chat.hub.HubServices;

/**
 * Ready only while Redis is reachable: without it this instance is cut off from the others' rooms,
 * so a load balancer should send new clients elsewhere. Existing clients stay connected and keep
 * talking to their own instance's members meanwhile.
 */
@Readiness
@Singleton
public class BackplaneReadiness implements HealthCheck {

    private final HubServices services;

    public BackplaneReadiness(HubServices services) {
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("chat-backplane")
                .status(services.brokerUp())
                .withData("instance", services.instanceId())
                .build();
    }
}
