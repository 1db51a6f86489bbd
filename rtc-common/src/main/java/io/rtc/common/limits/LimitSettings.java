package io.rtc.common.limits;

import java.util.List;

import io.smallrye.config.WithDefault;

/**
 * Per-address limits every service shares; each service's {@code @ConfigMapping} has a {@code limits} group
 * that extends this (so {@code echo.limits.connections-per-address} is {@code ECHO_LIMITS_CONNECTIONS_PER_ADDRESS}).
 */
public interface LimitSettings {

    /** Open connections one client address may hold on this instance; more are refused with 429 (0: no limit). */
    @WithDefault("500")
    int connectionsPerAddress();

    /** New connections (negotiations and upgrades) per second one client address may open, on average (0: no limit). */
    @WithDefault("20")
    double connectRate();

    /** New connections one client address may open at once before {@code connect-rate} applies. */
    @WithDefault("100")
    int connectBurst();

    /**
     * Proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} is believed: behind them the client
     * address is the last one they did not add. From any other peer the header is ignored.
     */
    @WithDefault("none")
    List<String> trustedProxies();
}
