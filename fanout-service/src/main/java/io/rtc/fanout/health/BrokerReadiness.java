package io.rtc.fanout.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.BrokerState;

/**
 * Ready only while the broker can confirm publishes: DOWN while it is unreachable and while it blocks
 * publishing (a memory or disk alarm), with the state and the alarm in the check's data. Liveness does not
 * follow the broker: restarting this service would not bring RabbitMQ back.
 */
@Readiness
@Singleton
public class BrokerReadiness implements HealthCheck {

    private final Broker broker;

    public BrokerReadiness(Broker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        BrokerState state = broker.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rabbitmq")
                .status(state == BrokerState.UP)
                .withData("state", state.name().toLowerCase(java.util.Locale.ROOT));
        String blocked = broker.blockedReason();
        if (blocked != null) {
            response.withData("blocked", blocked);
        }
        return response.build();
    }
}
