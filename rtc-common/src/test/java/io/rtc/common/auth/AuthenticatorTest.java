package io.rtc.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Token verification without Quarkus: tokens minted by smallrye-jwt-build, verified by the Authenticator. */
class AuthenticatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    private static final KeyPair RSA = Keys.rsa();
    private static final KeyPair OTHER_RSA = Keys.rsa();
    private static final KeyPair EC = Keys.ec();

    @TempDir
    static Path dir;
    private static Path rsaPem;
    private static Path ecPem;
    private static Vertx vertx;

    @BeforeAll
    static void keys() {
        rsaPem = Keys.writePem(dir, "rsa.pem", RSA.getPublic());
        ecPem = Keys.writePem(dir, "ec.pem", EC.getPublic());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static TestSettings rsaSettings() {
        return TestSettings.defaults().withKeyLocation(rsaPem.toString());
    }

    private static Authenticator authenticator(AuthSettings settings) {
        return new Authenticator(null, settings, "rooms");
    }

    private static JwtClaimsBuilder claims(String subject) {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims().subject(subject).issuedAt(now).expiresAt(now + 600);
    }

    private static String rs256(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    private static void assertRefused(Authenticator authenticator, String token, String reasonPart, String... secrets) {
        assertThatThrownBy(() -> authenticator.verify(token)).isInstanceOf(AuthException.class)
                .hasMessageContaining(reasonPart)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(token).doesNotContain("\n");
                    for (String secret : secrets) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
    }

    @Test
    void aValidRs256TokenBecomesAnIdentity() throws Exception {
        long exp = Instant.now().getEpochSecond() + 900;
        String token = claims("user-42").expiresAt(exp).preferredUserName("Alice").groups(Set.of("admin", "ops"))
                .claim("rooms", List.of("General", "team-*")).jws().algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());

        Identity identity = authenticator(rsaSettings()).verify(token);

        assertThat(identity.subject()).isEqualTo("user-42");
        assertThat(identity.name()).isEqualTo("Alice");
        assertThat(identity.roles()).containsExactlyInAnyOrder("admin", "ops");
        assertThat(identity.hasRole("admin")).isTrue();
        assertThat(identity.hasRole("guest")).isFalse();
        assertThat(identity.grants()).containsExactly("General", "team-*");
        assertThat(identity.expiresAt()).isEqualTo(exp);
        assertThat(identity.toString()).doesNotContain(token);
    }

    @Test
    void theKeyLocationMayBeAFileUrl() throws Exception {
        Authenticator authenticator = authenticator(TestSettings.defaults().withKeyLocation(rsaPem.toUri().toString()));
        assertThat(rsaPem.toUri().toString()).startsWith("file:");
        assertThat(authenticator.verify(rs256(claims("bob"))).subject()).isEqualTo("bob");
    }

    @Test
    void theNameFallsBackToTheSubjectAndTheGrantsAreEmptyWithoutTheClaim() throws Exception {
        Identity identity = authenticator(rsaSettings()).verify(rs256(claims("user-7")));

        assertThat(identity.name()).isEqualTo("user-7");
        assertThat(identity.roles()).isEmpty();
        assertThat(identity.grants()).isEmpty();
    }

    @Test
    void rolesMayBeASpaceSeparatedString() throws Exception {
        Identity identity = authenticator(rsaSettings()).verify(rs256(claims("u").claim("groups", "admin ops  chat")));
        assertThat(identity.roles()).containsExactlyInAnyOrder("admin", "ops", "chat");

        Identity custom = authenticator(rsaSettings().withRolesClaim("scope"))
                .verify(rs256(claims("u").claim("scope", "read:rooms write:rooms")));
        assertThat(custom.roles()).containsExactlyInAnyOrder("read:rooms", "write:rooms");
    }

    @Test
    void rolesMayComeFromANestedPath() throws Exception {
        String token = rs256(claims("u").claim("realm_access", Map.of("roles", List.of("rtc-admin", "user"))));

        Identity identity = authenticator(rsaSettings().withRolesClaim("realm_access/roles")).verify(token);

        assertThat(identity.roles()).containsExactlyInAnyOrder("rtc-admin", "user");
        assertThat(authenticator(rsaSettings().withRolesClaim("realm_access/missing")).verify(token).roles()).isEmpty();
        assertThat(authenticator(rsaSettings().withRolesClaim("nowhere/roles")).verify(token).roles()).isEmpty();
    }

    @Test
    void aGrantsClaimMayBeAString() throws Exception {
        Identity identity = authenticator(rsaSettings()).verify(rs256(claims("u").claim("rooms", "General Random")));
        assertThat(identity.grants()).containsExactly("General", "Random");
    }

    @Test
    void es256WithAnEcKey() throws Exception {
        Authenticator authenticator = authenticator(TestSettings.defaults().withKeyLocation(ecPem.toString()).withAlgorithms("ES256"));
        String token = claims("ec-user").preferredUserName("Eve").jws().algorithm(SignatureAlgorithm.ES256).sign(EC.getPrivate());

        Identity identity = authenticator.verify(token);

        assertThat(identity.subject()).isEqualTo("ec-user");
        assertThat(identity.name()).isEqualTo("Eve");
        // the RS256 token of the right subject is not accepted by an ES256-only configuration
        assertRefused(authenticator, rs256(claims("ec-user")), "Invalid token");
    }

    @Test
    void hs256WithASharedSecret() throws Exception {
        Authenticator authenticator = authenticator(TestSettings.defaults().withHmacSecret(SECRET));
        String token = claims("hs-user").claim("rooms", List.of("*")).signWithSecret(SECRET);

        Identity identity = authenticator.verify(token);

        assertThat(identity.subject()).isEqualTo("hs-user");
        assertThat(identity.grants()).containsExactly("*");
        assertRefused(authenticator, claims("hs-user").signWithSecret(SECRET + "-other"), "bad signature", "hs-user");
        assertRefused(authenticator, rs256(claims("hs-user")), "Invalid token", "hs-user");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> authenticator(TestSettings.defaults().withHmacSecret("too-short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes").hasMessageNotContaining("too-short");
    }

    @Test
    void expiredBeyondTheSkewIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token = rs256(Jwt.claims().subject("late-user").issuedAt(now - 3600).expiresAt(now - 120));

        assertRefused(authenticator(rsaSettings().withClockSkew(Duration.ofSeconds(60))), token, "expired", "late-user");
        // the default skew is MicroProfile JWT's 60 s
        assertRefused(authenticator(rsaSettings()), token, "expired", "late-user");
    }

    @Test
    void expiredWithinTheSkewIsAccepted() throws Exception {
        long now = Instant.now().getEpochSecond();
        String token = rs256(Jwt.claims().subject("u").issuedAt(now - 3600).expiresAt(now - 20));

        Authenticator authenticator = authenticator(rsaSettings().withClockSkew(Duration.ofSeconds(60)));

        assertThat(authenticator.verify(token).subject()).isEqualTo("u");
        assertThat(authenticator.skewSeconds()).isEqualTo(60);
        assertRefused(authenticator(rsaSettings().withClockSkew(Duration.ofSeconds(5))), token, "expired");
    }

    @Test
    void notBeforeInTheFutureIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        Authenticator authenticator = authenticator(rsaSettings().withClockSkew(Duration.ofSeconds(30)));

        assertRefused(authenticator, rs256(claims("u").claim("nbf", now + 600)), "not valid yet");
        assertThat(authenticator.verify(rs256(claims("u").claim("nbf", now + 10))).subject()).isEqualTo("u");
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        Authenticator authenticator = authenticator(rsaSettings().withIssuer("https://issuer.example"));

        assertThat(authenticator.verify(rs256(claims("u").issuer("https://issuer.example"))).subject()).isEqualTo("u");
        assertRefused(authenticator, rs256(claims("u").issuer("https://evil.example")), "wrong issuer", "evil.example");
        assertRefused(authenticator, rs256(claims("u")), "wrong issuer");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        Authenticator authenticator = authenticator(rsaSettings().withAudiences("rtc-chat", "rtc-fanout"));

        assertThat(authenticator.verify(rs256(claims("u").audience("rtc-fanout"))).subject()).isEqualTo("u");
        assertThat(authenticator.verify(rs256(claims("u").audience(Set.of("other", "rtc-chat")))).subject()).isEqualTo("u");
        assertRefused(authenticator, rs256(claims("u").audience("billing")), "wrong audience", "billing");
        assertRefused(authenticator, rs256(claims("u")), "wrong audience");
    }

    @Test
    void aSignatureOfAnotherKeyIsRefused() {
        String token = claims("mallory").jws().algorithm(SignatureAlgorithm.RS256).sign(OTHER_RSA.getPrivate());
        assertRefused(authenticator(rsaSettings()), token, "Invalid token", "mallory");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = rs256(claims("user-1").groups("user"));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"user\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertRefused(authenticator(rsaSettings()), forged, "Invalid token", "user-1");
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefusedByAnRs256Configuration() {
        // algorithm confusion: the attacker signs HS256 with the (public) RSA key bytes as the secret
        String publicPem = Keys.pem(RSA.getPublic());
        String token = claims("root").groups("admin").signWithSecret(publicPem);

        assertRefused(authenticator(rsaSettings()), token, "Invalid token", "root");
        assertRefused(authenticator(rsaSettings()), claims("root").signWithSecret(SECRET), "Invalid token", "root");
    }

    @Test
    void algNoneIsRefused() {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"sub\":\"root\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        Authenticator authenticator = authenticator(rsaSettings());

        assertRefused(authenticator, header + "." + payload + ".", "Invalid token", "root");
        assertRefused(authenticator, header + "." + payload, "Invalid token", "root");
        // a real signature does not make "none" acceptable either
        assertRefused(authenticator, header + "." + payload + "." + rs256(claims("root")).split("\\.")[2], "Invalid token", "root");
        Authenticator hmac = authenticator(TestSettings.defaults().withHmacSecret(SECRET));
        assertRefused(hmac, header + "." + payload + ".", "Invalid token", "root");
    }

    @Test
    void garbageIsRefused() {
        Authenticator authenticator = authenticator(rsaSettings());
        assertRefused(authenticator, "not-a-jwt", "Invalid token");
        assertRefused(authenticator, "a.b.c", "Invalid token");
        assertThatThrownBy(() -> authenticator.verify("")).isInstanceOf(AuthException.class).hasMessageContaining("Invalid token");
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        long now = Instant.now().getEpochSecond();
        Authenticator authenticator = authenticator(rsaSettings());

        assertRefused(authenticator, rs256(Jwt.claims().preferredUserName("ghost").issuedAt(now).expiresAt(now + 600)), "Invalid token",
                "ghost");
        assertRefused(authenticator, rs256(Jwt.claims().claim("foo", "bar").issuedAt(now).expiresAt(now + 600)), "Invalid token");
        assertRefused(authenticator, rs256(claims(" ")), "Invalid token");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        // built by hand: smallrye-jwt-build always adds exp
        String token = signHs256(header + "." + base64Url("{\"sub\":\"forever\",\"iat\":" + Instant.now().getEpochSecond() + "}"));

        assertRefused(authenticator(TestSettings.defaults().withHmacSecret(SECRET)), token, "Invalid token", "forever");
    }

    @Test
    void requiredWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> authenticator(TestSettings.defaults().withRequired(true))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key");
        assertThatThrownBy(() -> new Authenticator(new JWTAuthContextInfo(), TestSettings.defaults().withRequired(true), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theMicroProfileContextSuppliesTheKeyAndTheServiceSettingsOverrideIt() throws Exception {
        JWTAuthContextInfo base = new JWTAuthContextInfo();
        base.setPublicKeyLocation(rsaPem.toString());
        base.setIssuedBy("https://mp.example");

        Authenticator fromBase = new Authenticator(base, TestSettings.defaults().withRequired(true), null);
        assertThat(fromBase.verify(rs256(claims("u").issuer("https://mp.example"))).subject()).isEqualTo("u");
        assertRefused(fromBase, rs256(claims("u").issuer("https://other.example")), "wrong issuer");

        Authenticator overridden = new Authenticator(base, TestSettings.defaults().withIssuer("https://other.example"), null);
        assertThat(overridden.verify(rs256(claims("u").issuer("https://other.example"))).subject()).isEqualTo("u");
        // the base context is not changed by the override
        assertThat(base.getIssuedBy()).isEqualTo("https://mp.example");
    }

    @Test
    void withoutAKeyTokensAreRefusedButAnonymousIsFine() throws Exception {
        Authenticator authenticator = authenticator(TestSettings.defaults());

        assertRefused(authenticator, rs256(claims("u")), "no verification key");
        assertThat(await(authenticator.authenticate(vertx, (String) null))).isNull();
    }

    @Test
    void noTokenIsAnonymousUnlessRequired() throws Exception {
        assertThat(await(authenticator(rsaSettings()).authenticate(vertx, (String) null))).isNull();
        assertThat(authenticator(rsaSettings()).required()).isFalse();

        Authenticator required = authenticator(rsaSettings().withRequired(true));
        assertThat(required.required()).isTrue();
        Future<Identity> refused = required.authenticate(vertx, (String) null);
        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).isInstanceOf(AuthException.class).hasMessageContaining("bearer token is required");
    }

    @Test
    void authenticateAnswersWithTheIdentityOrTheReason() throws Exception {
        Authenticator authenticator = authenticator(rsaSettings().withRequired(true));

        assertThat(await(authenticator.authenticate(vertx, rs256(claims("u")))).subject()).isEqualTo("u");
        Future<Identity> bad = authenticator.authenticate(vertx, claims("u").jws().algorithm(SignatureAlgorithm.RS256)
                .sign(OTHER_RSA.getPrivate()));
        assertThat(bad.failed()).isTrue();
        assertThat(bad.cause()).isInstanceOf(AuthException.class);
    }

    @Test
    void authenticateReadsTheRequest() throws Exception {
        Authenticator authenticator = authenticator(rsaSettings().withRequired(true));
        String token = rs256(claims("from-query"));

        Identity identity = await(authenticator.authenticate(vertx,
                new io.rtc.common.support.FakeRequest().param("access_token", token).build()));

        assertThat(identity.subject()).isEqualTo("from-query");
        Future<Identity> none = authenticator.authenticate(vertx, new io.rtc.common.support.FakeRequest().build());
        assertThat(none.failed()).isTrue();
    }

    @Test
    void aJwksFromAFileOrFromHttpsLikeServerVerifiesByKeyId() throws Exception {
        java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) RSA.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}]}";
        String token = claims("from-jwks").jws().keyId("k1").algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());

        Path file = java.nio.file.Files.writeString(dir.resolve("jwks.json"), jwks);
        assertThat(authenticator(TestSettings.defaults().withKeyLocation(file.toString())).verify(token).subject()).isEqualTo("from-jwks");

        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetched.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Authenticator remote = authenticator(TestSettings.defaults()
                    .withKeyLocation("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"));
            // a remote key set is fetched by smallrye-jwt synchronously: authenticate runs it off the event loop
            assertThat(await(remote.authenticate(vertx, token)).subject()).isEqualTo("from-jwks");
            assertThat(await(remote.authenticate(vertx, token)).subject()).isEqualTo("from-jwks");
            assertThat(fetched.get()).as("the key set is cached, not fetched per token").isEqualTo(1);
            String otherKey = claims("x").jws().keyId("k2").algorithm(SignatureAlgorithm.RS256).sign(OTHER_RSA.getPrivate());
            assertThat(remote.authenticate(vertx, otherKey).toCompletionStage().toCompletableFuture()
                    .handle((ok, e) -> e).get(10, TimeUnit.SECONDS)).isInstanceOf(AuthException.class);
        } finally {
            server.stop(0);
        }
    }

    private static String unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String signHs256(String signingInput) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
