package io.rtc.fanout.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.rtc.fanout.broker.BrokerLink;

/**
 * Ready only while RabbitMQ is reachable: without it no publish can be confirmed. Liveness does not
 * follow the broker (the connector's own checks are off for that reason): restarting this service
 * would not bring RabbitMQ back.
 */
@Readiness
@Singleton
public class BrokerReadiness implements HealthCheck {

    private final BrokerLink broker;

    public BrokerReadiness(BrokerLink broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq").status(broker.isUp()).build();
    }
}
