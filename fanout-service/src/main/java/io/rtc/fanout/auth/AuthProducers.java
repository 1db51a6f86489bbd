package io.rtc.fanout.auth;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.rtc.common.auth.AdminAccess;
import io.rtc.common.auth.Authenticator;
import io.rtc.fanout.config.FanoutConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The token verifier of this service, built once at start from MicroProfile JWT's settings
 * ({@code mp.jwt.verify.*}) with {@code fanout.auth.*} on top, and the admin check that uses it.
 */
public class AuthProducers {

    @Produces
    @Singleton
    Authenticator authenticator(JWTAuthContextInfo base, FanoutConfig config) {
        return new Authenticator(base, config.auth(), null);
    }

    @Produces
    @Singleton
    AdminAccess adminAccess(Authenticator authenticator, FanoutConfig config) {
        return new AdminAccess(config.adminToken(), authenticator, config.auth().adminRole());
    }
}
