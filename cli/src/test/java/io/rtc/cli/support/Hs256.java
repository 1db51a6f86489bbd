package io.rtc.cli.support;

import java.nio.charset.StandardCharsets;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/** Verifies an HS256 token as a service with auth.hmac-secret does: HS256 only, signature, exp, iat, sub, iss and aud when expected. */
public final class Hs256 {

    private Hs256() {
    }

    public static JwtClaims verify(String token, String secret, String issuer, String audience) throws InvalidJwtException {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject();
        if (issuer != null) {
            builder.setExpectedIssuer(issuer);
        }
        if (audience != null) {
            builder.setExpectedAudience(audience);
        } else {
            builder.setSkipDefaultAudienceValidation();
        }
        return builder.build().processToClaims(token);
    }
}
