package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/** Settings: from ConfigMaps, secrets from Secrets, only the contract's names, values that fit. */
class ConfigInvariantsTest {

    /** Where one environment variable of a container comes from. */
    record Source(String kind, String object, String key, String literal) {
    }

    /** Every environment variable of {@code c}, with its source (envFrom first, env overrides, as in Kubernetes). */
    static Map<String, Source> environment(Rendered r, Container c) {
        Map<String, Source> env = new LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                assertThat(from.getPrefix()).as("%s envFrom prefix", c.getName()).isNullOrEmpty();
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = r.get(ConfigMap.class, from.getConfigMapRef().getName());
                    cm.getData().keySet().forEach(k -> env.put(k, new Source("ConfigMap", cm.getMetadata().getName(), k, null)));
                } else if (from.getSecretRef() != null) {
                    Secret s = r.get(Secret.class, from.getSecretRef().getName());
                    secretData(s).keySet().forEach(k -> env.put(k, new Source("Secret", s.getMetadata().getName(), k, null)));
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() == null) {
                    env.put(e.getName(), new Source("literal", null, null, e.getValue()));
                } else if (e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    Secret s = r.get(Secret.class, ref.getName());
                    assertThat(secretData(s)).as("Secret %s has key %s (for %s)", ref.getName(), ref.getKey(), e.getName())
                            .containsKey(ref.getKey());
                    env.put(e.getName(), new Source("Secret", ref.getName(), ref.getKey(), null));
                } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    ConfigMap cm = r.get(ConfigMap.class, ref.getName());
                    assertThat(cm.getData()).as("ConfigMap %s has key %s (for %s)", ref.getName(), ref.getKey(), e.getName())
                            .containsKey(ref.getKey());
                    env.put(e.getName(), new Source("ConfigMap", ref.getName(), ref.getKey(), null));
                } else {
                    env.put(e.getName(), new Source("field", null, null, null));
                }
            }
        }
        return env;
    }

    /** The value a service's container gets for a setting that is not a secret. */
    static String setting(Rendered r, String app, String name) {
        Source s = environment(r, r.workload(app).container()).get(name);
        if (s == null) {
            throw new AssertionError(app + " has no " + name);
        }
        return switch (s.kind()) {
            case "literal" -> s.literal();
            case "ConfigMap" -> r.get(ConfigMap.class, s.object()).getData().get(s.key());
            default -> throw new AssertionError(app + "'s " + name + " comes from a " + s.kind());
        };
    }

    /** A Secret's values, decoded (data is base64, stringData plain). */
    static Map<String, String> secretData(Secret s) {
        Map<String, String> out = new HashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (s.getStringData() != null) {
            out.putAll(s.getStringData());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesUseOnlyTheContractsVariables(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            Map<String, Source> env = environment(r, r.workload(app).container());
            assertThat(env.keySet()).as("environment of %s", app)
                    .allSatisfy(n -> assertThat(Contract.ENV_OF.get(app)).as("%s sets %s, which it does not read (not in the contract)", app, n).contains(n))
                    .containsAll(Contract.REQUIRED_ENV.get(app));
            env.forEach((name, src) -> {
                if (Contract.SECRET_ENV.contains(name)) {
                    assertThat(src.kind()).as("%s's %s comes from a Secret", app, name).isEqualTo("Secret");
                } else {
                    assertThat(src.kind()).as("%s's %s comes from a ConfigMap", app, name).isEqualTo("ConfigMap");
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedConfigMapAndSecretExists(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        // environment() asserts every key it follows; this runs it for every container, brokers too
        r.workloads().forEach(w -> w.allContainers().forEach(c -> environment(r, c)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noConfigMapHoldsASecret(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> secretValues = new java.util.HashSet<>();
        r.all(Secret.class).forEach(s -> secretValues.addAll(secretData(s).values()));
        secretValues.removeIf(v -> v.length() < 6); // a user name like "rtc" may well appear elsewhere
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            String name = cm.getMetadata().getName();
            assertThat(cm.getBinaryData()).as("%s binaryData", name).isNullOrEmpty();
            cm.getData().forEach((k, v) -> {
                assertThat(k.toUpperCase()).as("ConfigMap %s key %s", name, k)
                        .doesNotContain("TOKEN").doesNotContain("PASSWORD").doesNotContain("SECRET")
                        .doesNotContain("CREDENTIAL").doesNotContain("PASSWD");
                assertThat(secretValues).as("ConfigMap %s key %s holds a Secret's value", name, k).doesNotContain(v);
                assertThat(v).as("ConfigMap %s key %s has credentials in a URI", name, k)
                        .doesNotContainPattern("^[a-z][a-z0-9+.-]*://[^/@\\s]*@");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theSecretsInGitArePlaceholders(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, String> all = new HashMap<>();
        r.all(Secret.class).forEach(s -> all.putAll(secretData(s)));
        assertThat(all).containsKeys("ADMIN_TOKEN", "CHAT_TOKEN_SECRET", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD");
        for (String k : List.of("ADMIN_TOKEN", "CHAT_TOKEN_SECRET", "RABBITMQ_PASSWORD")) {
            assertThat(all.get(k)).as("%s in git is an obvious placeholder (real ones come from the secret store)", k)
                    .contains("PLACEHOLDER");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void settingsPointAtWhatIsDeployed(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            assertThat(setting(r, app, "QUARKUS_HTTP_PORT")).as("%s QUARKUS_HTTP_PORT", app)
                    .isEqualTo(String.valueOf(Contract.PORT.get(app)));
            String host = setting(r, app, "RABBITMQ_HOST");
            int port = Integer.parseInt(setting(r, app, "RABBITMQ_PORT"));
            assertReaches(r, app, host, port, "rabbitmq");
        }
        URI redis = URI.create(setting(r, "chat-service", "QUARKUS_REDIS_HOSTS"));
        assertThat(redis.getScheme()).isEqualTo("redis");
        assertReaches(r, "chat-service", redis.getHost(), redis.getPort(), "redis");
    }

    /** {@code host:port} is a Service in this namespace whose port reaches {@code target}'s real port. */
    private static void assertReaches(Rendered r, String app, String host, int port, String target) {
        String name = host.split("\\.")[0];
        Service svc = r.get(Service.class, name);
        assertThat(Selectors.matches(svc.getSpec().getSelector(), r.workload(target).template().getMetadata().getLabels()))
                .as("%s's %s (Service %s) selects %s", app, host, name, target).isTrue();
        ServicePort sp = svc.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst()
                .orElseThrow(() -> new AssertionError(app + ": Service " + name + " has no port " + port));
        assertThat(Ports.resolve(sp.getTargetPort(), r.workload(target).container()))
                .as("%s: %s:%d reaches %s's port", app, host, port, target).contains(Contract.PORT.get(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rabbitmqCreatesTheUserTheServicesLogInWith(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Source> broker = environment(r, r.workload("rabbitmq").container());
        for (String app : Contract.SERVICES) {
            Map<String, Source> env = environment(r, r.workload(app).container());
            assertThat(broker.get("RABBITMQ_DEFAULT_USER")).as("%s's user", app).isEqualTo(env.get("RABBITMQ_USERNAME"));
            assertThat(broker.get("RABBITMQ_DEFAULT_PASS")).as("%s's password", app).isEqualTo(env.get("RABBITMQ_PASSWORD"));
        }
    }
}
