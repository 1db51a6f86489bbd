package io.rtc.chat.auth;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.rtc.chat.config.ChatConfig;
import io.rtc.common.auth.AdminAccess;
import io.rtc.common.auth.Authenticator;
import io.rtc.common.limits.AddressLimits;
import io.rtc.common.net.TrustedProxies;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** The shared auth and limit pieces of rtc-common, set up from chat-service's settings. */
public class AuthProducers {

    @Produces
    @Singleton
    Authenticator authenticator(Instance<JWTAuthContextInfo> base, ChatConfig config) {
        // MicroProfile JWT's context exists only when mp.jwt.verify.* names a key; chat.auth.* may name one instead
        JWTAuthContextInfo info = base.isResolvable() ? contextOrNull(base) : null;
        return new Authenticator(info, config.auth(), config.auth().roomsClaim());
    }

    @Produces
    @Singleton
    AdminAccess adminAccess(Authenticator authenticator, ChatConfig config) {
        return new AdminAccess(config.adminToken(), authenticator, config.auth().adminRole());
    }

    @Produces
    @Singleton
    AddressLimits addressLimits(ChatConfig config) {
        return new AddressLimits(config.limits());
    }

    @Produces
    @Singleton
    TrustedProxies trustedProxies(ChatConfig config) {
        return TrustedProxies.of(config.limits().trustedProxies());
    }

    private static JWTAuthContextInfo contextOrNull(Instance<JWTAuthContextInfo> base) {
        try {
            return base.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
