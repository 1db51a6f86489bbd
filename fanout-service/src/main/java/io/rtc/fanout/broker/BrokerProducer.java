package io.rtc.fanout.broker;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.rtc.fanout.broker.rabbit.RabbitBroker;
import io.rtc.fanout.broker.rabbit.RabbitFactory;
import io.rtc.fanout.config.FanoutConfig;

/** The {@link Broker} the service runs on ({@code fanout.broker.type}) and its {@link Topology}. */
@Singleton
public class BrokerProducer {

    @Produces
    @Singleton
    Topology topology(FanoutConfig config) {
        return Topology.of(config);
    }

    @Produces
    @Singleton
    Broker broker(FanoutConfig config, Topology topology,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        FanoutConfig.Broker settings = config.broker();
        switch (settings.type()) {
            case "memory":
                return new MemoryBroker(topology);
            case "rabbitmq":
                RabbitBroker broker = new RabbitBroker(
                        RabbitFactory.create(host, port, username, password, settings.heartbeat(), config.publish().maxInFlight()),
                        topology, settings.publishChannels(), settings.reconnectInterval());
                broker.start();
                return broker;
            default:
                throw new IllegalArgumentException("fanout.broker.type must be rabbitmq or memory, not " + settings.type());
        }
    }

    void close(@Disposes Broker broker) {
        if (broker instanceof RabbitBroker rabbit) {
            rabbit.close();
        }
    }
}
