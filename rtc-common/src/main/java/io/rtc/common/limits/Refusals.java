package io.rtc.common.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One counter per reason a request or message was refused (a limit, a missing or bad token, a missing role),
 * as {@code <name>_total{reason="..."}}. The known reasons are registered up front, so each shows on
 * {@code /q/metrics} at 0 before the first refusal.
 */
public final class Refusals {

    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String ADDRESS_CONNECTIONS = "address_connections";
    public static final String CONNECT_RATE = "connect_rate";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public Refusals(MeterRegistry registry, String name, String description, String... reasons) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        for (String reason : reasons) {
            adder(reason);
        }
    }

    public void count(String reason) {
        adder(reason).increment();
    }

    private LongAdder adder(String reason) {
        return counts.computeIfAbsent(reason, r -> {
            LongAdder adder = new LongAdder();
            FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tag("reason", r).register(registry);
            return adder;
        });
    }
}
