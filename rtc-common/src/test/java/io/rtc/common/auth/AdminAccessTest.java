package io.rtc.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rtc.common.auth.AdminAccess.Decision;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;

class AdminAccessTest {

    private static final KeyPair RSA = Keys.rsa();
    private static final String ADMIN_TOKEN = "s3cret-admin-token";

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static Authenticator authenticator;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        authenticator = new Authenticator(null, TestSettings.defaults().withKeyLocation(Keys.writePem(dir, "k.pem", RSA.getPublic())
                .toString()), null);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Decision check(AdminAccess access, String header) throws Exception {
        return access.check(vertx, header).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String jwt(String... groups) {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims().subject("operator").issuedAt(now).expiresAt(now + 600).groups(java.util.Set.of(groups)).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    @Test
    void theAdminTokenExactlyIsAllowed() throws Exception {
        AdminAccess access = new AdminAccess(Optional.of(ADMIN_TOKEN), authenticator, "admin");

        assertThat(check(access, "Bearer " + ADMIN_TOKEN).allowed()).isTrue();
        assertThat(check(access, "bearer " + ADMIN_TOKEN).allowed()).isTrue();
    }

    @Test
    void aWrongTokenIs401() throws Exception {
        AdminAccess access = new AdminAccess(Optional.of(ADMIN_TOKEN), authenticator, "admin");

        for (String header : new String[] {"Bearer " + ADMIN_TOKEN + "x", "Bearer " + ADMIN_TOKEN.substring(1), "Bearer s",
                "Basic " + ADMIN_TOKEN, ADMIN_TOKEN, null, "", "Bearer a.b.c"}) {
            Decision decision = check(access, header);
            assertThat(decision.allowed()).as(String.valueOf(header)).isFalse();
            assertThat(decision.status()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(decision.reason()).doesNotContain(ADMIN_TOKEN);
        }
    }

    @Test
    void aJwtWithTheAdminRoleIsAllowed() throws Exception {
        AdminAccess access = new AdminAccess(Optional.of(ADMIN_TOKEN), authenticator, "admin");

        assertThat(check(access, "Bearer " + jwt("user", "admin")).allowed()).isTrue();
    }

    @Test
    void aJwtWithoutTheRoleIs403() throws Exception {
        AdminAccess access = new AdminAccess(Optional.of(ADMIN_TOKEN), authenticator, "admin");

        String token = jwt("user");
        Decision decision = check(access, "Bearer " + token);

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.reason()).contains("admin").doesNotContain(token).doesNotContain("operator");
    }

    @Test
    void aBadJwtIs401WithItsReason() throws Exception {
        AdminAccess access = new AdminAccess(Optional.empty(), authenticator, "admin");
        long now = Instant.now().getEpochSecond();
        String expired = Jwt.claims().subject("operator").issuedAt(now - 7200).expiresAt(now - 3600).groups("admin").jws()
                .algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());

        Decision decision = check(access, "Bearer " + expired);

        assertThat(decision.status()).isEqualTo(401);
        assertThat(decision.reason()).contains("expired").doesNotContain(expired);
    }

    @Test
    void withoutAnAdminTokenOnlyJwtsWithTheRoleGetIn() throws Exception {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            AdminAccess access = new AdminAccess(none, authenticator, "admin");

            Decision missing = check(access, null);
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.reason()).contains("ADMIN_TOKEN is not set");
            assertThat(check(access, "Bearer ").status()).isEqualTo(401);
            assertThat(check(access, "Bearer anything").status()).isEqualTo(401);
            assertThat(check(access, "Bearer " + jwt("admin")).allowed()).isTrue();
            assertThat(check(access, "Bearer " + jwt()).status()).isEqualTo(403);
        }
    }

    @Test
    void withoutAKeyJwtsAre401() throws Exception {
        AdminAccess access = new AdminAccess(Optional.of(ADMIN_TOKEN), new Authenticator(null, TestSettings.defaults(), null), "admin");

        assertThat(check(access, "Bearer " + ADMIN_TOKEN).allowed()).isTrue();
        assertThat(check(access, "Bearer " + jwt("admin")).status()).isEqualTo(401);
    }
}
