package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import io.rtc.deploy.ConfigInvariantsTest.Source;

/**
 * Authentication and limits in the manifests: prod requires a signed-in client and verifies the tokens with
 * a key from a Secret, dev stays anonymous, the services believe X-Forwarded-For only from the ingress
 * controller's (private) addresses, and no token ends up in the ingress' access log.
 */
class AuthInvariantsTest {

    /** The services with token settings (echo-service has none: it stays open). */
    static final List<String> AUTH_SERVICES = List.copyOf(Contract.AUTH_PREFIX.keySet());

    @Test
    void prodRequiresSignedInClients() {
        Rendered prod = Rendered.overlay("prod");
        for (String app : AUTH_SERVICES) {
            String name = Contract.AUTH_PREFIX.get(app) + "REQUIRED";
            assertThat(ConfigInvariantsTest.setting(prod, app, name)).as("prod %s %s", app, name).isEqualTo("true");
        }
    }

    @Test
    void devStaysAnonymous() {
        Rendered dev = Rendered.overlay("dev");
        for (String app : AUTH_SERVICES) {
            String name = Contract.AUTH_PREFIX.get(app) + "REQUIRED";
            Map<String, Source> env = ConfigInvariantsTest.environment(dev, dev.workload(app).container());
            if (env.containsKey(name)) {
                assertThat(ConfigInvariantsTest.setting(dev, app, name)).as("dev %s %s (anonymous clients welcome)", app, name)
                        .isEqualTo("false");
            }
        }
    }

    @Test
    void prodTakesTheVerificationKeyFromASecret() {
        Rendered prod = Rendered.overlay("prod");
        for (String app : AUTH_SERVICES) {
            Rendered.Workload w = prod.workload(app);
            Map<String, Source> env = ConfigInvariantsTest.environment(prod, w.container());
            List<String> keys = Contract.keyEnv(app).stream().filter(env::containsKey).sorted().toList();
            List<String> locations = Contract.keyLocationEnv(app).stream().filter(env::containsKey).sorted().toList();
            assertThat(keys.size() + locations.size())
                    .as("%s has exactly one verification key setting (one of %s, %s), has %s %s", app,
                            Contract.keyEnv(app), Contract.keyLocationEnv(app), keys, locations)
                    .isEqualTo(1);
            for (String k : keys) {
                assertThat(env.get(k).kind()).as("%s's %s (the key itself) comes from a Secret", app, k).isEqualTo("Secret");
                assertThat(ConfigInvariantsTest.secretData(prod.get(Secret.class, env.get(k).object())))
                        .as("%s's %s: Secret %s has the key", app, k, env.get(k).object()).containsKey(env.get(k).key());
            }
            for (String k : locations) {
                String location = ConfigInvariantsTest.setting(prod, app, k);
                assertThat(secretVolumeHolding(prod, w, location))
                        .as("%s's %s=%s is a file in a Secret volume", app, k, location).isNotNull();
            }
        }
    }

    @Test
    void prodChecksIssuerAndAudience() {
        Rendered prod = Rendered.overlay("prod");
        for (String app : AUTH_SERVICES) {
            Map<String, Source> env = ConfigInvariantsTest.environment(prod, prod.workload(app).container());
            String prefix = Contract.AUTH_PREFIX.get(app);
            for (List<String> names : List.of(List.of("MP_JWT_VERIFY_ISSUER", prefix + "ISSUER"),
                    List.of("MP_JWT_VERIFY_AUDIENCES", prefix + "AUDIENCES"))) {
                List<String> set = names.stream().filter(env::containsKey).toList();
                assertThat(set).as("%s sets one of %s", app, names).isNotEmpty();
                for (String n : set) {
                    assertThat(env.get(n).kind()).as("%s's %s comes from a ConfigMap", app, n).isEqualTo("ConfigMap");
                    assertThat(ConfigInvariantsTest.setting(prod, app, n)).as("%s's %s", app, n).isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noConfigMapOrLiteralCarriesKeyMaterial(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> keyNames = new java.util.HashSet<>();
        AUTH_SERVICES.forEach(app -> keyNames.addAll(Contract.keyEnv(app)));
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            cm.getData().forEach((k, v) -> {
                assertThat(keyNames).as("ConfigMap %s has the key setting %s", cm.getMetadata().getName(), k).doesNotContain(k);
                assertThat(looksLikeKeyMaterial(v)).as("ConfigMap %s key %s holds a key (PEM or JWK)", cm.getMetadata().getName(), k)
                        .isFalse();
            });
        }
        r.workloads().forEach(w -> w.allContainers().forEach(c -> {
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                if (e.getValueFrom() == null) {
                    assertThat(keyNames).as("%s: %s is a literal", c.getName(), e.getName()).doesNotContain(e.getName());
                    assertThat(looksLikeKeyMaterial(e.getValue())).as("%s: literal %s holds a key", c.getName(), e.getName())
                            .isFalse();
                }
            }
        }));
    }

    @Test
    void theVerificationKeyInGitIsAPlaceholder() {
        Rendered prod = Rendered.overlay("prod");
        for (String app : AUTH_SERVICES) {
            Map<String, Source> env = ConfigInvariantsTest.environment(prod, prod.workload(app).container());
            for (String k : Contract.keyEnv(app)) {
                if (env.containsKey(k)) {
                    Source s = env.get(k);
                    String value = ConfigInvariantsTest.secretData(prod.get(Secret.class, s.object())).get(s.key());
                    assertThat(value).as("%s's %s in git (Secret %s) is an obvious placeholder: the real key comes from the"
                            + " secret store", app, k, s.object()).contains("PLACEHOLDER");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesBelieveForwardedForOnlyFromPrivateAddresses(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            String name = Contract.LIMITS_PREFIX.get(app) + "TRUSTED_PROXIES";
            Map<String, Source> env = ConfigInvariantsTest.environment(r, r.workload(app).container());
            if (!env.containsKey(name)) {
                // without it, every client behind one ingress-nginx pod shares that pod's address and limits
                assertThat(overlay).as("%s %s: %s sits behind the Ingress and must trust its X-Forwarded-For", overlay,
                        name, app).isNotEqualTo("prod");
                continue;
            }
            List<Addresses.Block> blocks = Addresses.list(ConfigInvariantsTest.setting(r, app, name));
            if (overlay.equals("prod")) {
                assertThat(blocks).as("prod %s %s", app, name).isNotEmpty();
            }
            for (Addresses.Block b : blocks) {
                assertThat(Addresses.isPrivate(b)).as("%s %s: %s is within the private ranges %s (a public block would let"
                        + " anyone there forge X-Forwarded-For)", overlay, name, b.text(), Addresses.PRIVATE.stream()
                        .map(Addresses.Block::text).toList()).isTrue();
            }
        }
    }

    @Test
    void prodIngressKeepsTokensOutOfItsAccessLog() {
        Rendered prod = Rendered.overlay("prod");
        for (Ingress ing : prod.all(Ingress.class)) {
            assertThat(ing.getMetadata().getAnnotations())
                    .as("Ingress %s: access_token query parameters would land in ingress-nginx's access log", ing.getMetadata().getName())
                    .containsEntry("nginx.ingress.kubernetes.io/enable-access-log", "false");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** A PEM block or a JWK/JWKS: key material, which belongs in a Secret. */
    static boolean looksLikeKeyMaterial(String value) {
        return value != null && (value.contains("-----BEGIN") || value.replace(" ", "").contains("\"kty\":"));
    }

    /** The Secret volume that {@code location} (a path or {@code file:} URL) lies in, or null. */
    static Volume secretVolumeHolding(Rendered r, Rendered.Workload w, String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        if (!path.startsWith("/")) {
            return null;
        }
        List<VolumeMount> mounts = w.container().getVolumeMounts() == null ? List.of() : w.container().getVolumeMounts();
        for (VolumeMount m : mounts) {
            String dir = m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/";
            if (!path.startsWith(dir)) {
                continue;
            }
            Volume v = WorkloadInvariantsTest.volume(w, m.getName());
            if (v.getSecret() != null) {
                r.get(Secret.class, v.getSecret().getSecretName());
                return v;
            }
            if (v.getProjected() != null && !v.getProjected().getSources().isEmpty()
                    && v.getProjected().getSources().stream().allMatch(p -> p.getSecret() != null)) {
                for (VolumeProjection p : v.getProjected().getSources()) {
                    r.get(Secret.class, p.getSecret().getName());
                }
                return v;
            }
        }
        return null;
    }
}
