package io.rtc.chat.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.rtc.chat.config.ChatConfig;

/**
 * Self-contained connection tokens: {@code <connectionId>.<expiry>.<user>.<HMAC-SHA256>}, where
 * {@code user} is the signed-in user id (base64url; empty for an anonymous negotiate). Any instance
 * that knows the shared secret can check a token that another instance issued, so a load balancer
 * needs no sticky sessions between negotiate and the WebSocket; the user bound in it must be the one
 * who connects, so a connection token taken from one user is worthless to anyone else.
 */
@ApplicationScoped
public class ConnectionTokens {

    private static final Logger LOG = Logger.getLogger(ConnectionTokens.class);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final long lifetimeSeconds;
    private final Clock clock;

    @Inject
    public ConnectionTokens(ChatConfig config) {
        this(config, Clock.systemUTC());
    }

    ConnectionTokens(ChatConfig config, Clock clock) {
        this.clock = clock;
        this.lifetimeSeconds = config.tokenLifetime().toSeconds();
        byte[] secret = config.tokenSecret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            LOG.warn("chat.token-secret (CHAT_TOKEN_SECRET) is not set: tokens are signed with a random key,"
                    + " so a negotiate on another instance will not be accepted here");
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return bytes;
        });
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A new public connection id: 16 random bytes, 22 URL-safe characters like ASP.NET's. */
    public String newConnectionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }

    /** What a valid token holds: the connection id and the user it was negotiated for (null: anonymous). */
    public record Bound(String connectionId, String user) {
    }

    public String issue(String connectionId) {
        return issue(connectionId, null);
    }

    public String issue(String connectionId, String user) {
        String payload = connectionId + "." + (clock.instant().getEpochSecond() + lifetimeSeconds) + "."
                + (user == null ? "" : BASE64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        return payload + "." + sign(payload);
    }

    /** The connection id inside a valid, unexpired token; null for anything else. */
    public String verify(String token) {
        Bound bound = open(token);
        return bound == null ? null : bound.connectionId();
    }

    /** The contents of a valid, unexpired token; null for anything else. */
    public Bound open(String token) {
        return open(token, true);
    }

    /**
     * The contents of a token this service signed, expired or not: a connection's later requests
     * (its POSTs and polls, a stateful reconnect) carry the token it opened with, for as long as it lives.
     */
    public Bound signed(String token) {
        return open(token, false);
    }

    private Bound open(String token, boolean unexpired) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            return null;
        }
        String payload = token.substring(0, token.lastIndexOf('.'));
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[3].getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return null;
        }
        try {
            long expiry = Long.parseLong(parts[1]);
            String user = parts[2].isEmpty() ? null : new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            return !unexpired || expiry >= clock.instant().getEpochSecond() ? new Bound(parts[0], user) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return BASE64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
