package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker/docker-compose.yml: the same images, the contract's ports and only the contract's variables,
 * two chat-service instances behind a load balancer without sticky sessions.
 */
class ComposeFileTest {

    private static Path dockerDir;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        dockerDir = Repo.root().resolve("docker");
        Path file = dockerDir.resolve("docker-compose.yml");
        assertThat(file).as("the compose file").exists();
        YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        Map<String, Object> compose = yaml.readValue(Files.readString(file), Map.class);
        assertThat(compose).as("compose file").containsKey("services");
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** The compose services running {@code rtc/<app>} images. */
    private static List<String> instancesOf(String app) {
        return services.entrySet().stream()
                .filter(e -> e.getValue().get("image") instanceof String img && repository(img).equals(Contract.jvmImage(app)))
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void runsTheWholeStack() {
        assertThat(services).containsKeys("redis", "rabbitmq", "echo-service", "chat-1", "chat-2", "fanout-service");
        assertThat(instancesOf("echo-service")).containsExactly("echo-service");
        assertThat(instancesOf("chat-service")).containsExactlyInAnyOrder("chat-1", "chat-2");
        assertThat(instancesOf("fanout-service")).containsExactly("fanout-service");
    }

    @Test
    void usesTheImagesOfTheKubernetesManifests() {
        Rendered dev = Rendered.overlay("dev");
        for (String app : Contract.SERVICES) {
            String k8s = Contract.repository(dev.workload(app).container().getImage());
            for (String name : instancesOf(app)) {
                assertThat(repository((String) services.get(name).get("image"))).as("image of %s", name).isEqualTo(k8s);
            }
        }
        for (String broker : Contract.BROKERS) {
            assertThat(services.get(broker).get("image")).as("image of %s in compose and in k8s", broker)
                    .isEqualTo(dev.workload(broker).container().getImage());
        }
    }

    @Test
    void publishesTheContractsPorts() {
        assertThat(published("echo-service")).containsEntry(8080, 8080);
        assertThat(published("fanout-service")).containsEntry(8082, 8082);
        // chat: the load balancer publishes 8081; the instances only expose it to the network
        List<String> lbs = services.keySet().stream().filter(n -> published(n).containsKey(8081)).toList();
        assertThat(lbs).as("the service publishing 8081").hasSize(1);
        assertThat(instancesOf("chat-service")).doesNotContain(lbs.get(0));
        for (String chat : instancesOf("chat-service")) {
            assertThat(published(chat)).as("%s publishes nothing itself", chat).isEmpty();
        }
        for (String app : Contract.SERVICES) {
            for (String name : instancesOf(app)) {
                assertThat(env(name)).as("%s QUARKUS_HTTP_PORT", name)
                        .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(Contract.PORT.get(app)));
                published(name).values().forEach(target -> assertThat(target).as("%s container port", name)
                        .isEqualTo(Contract.PORT.get(app)));
            }
        }
    }

    @Test
    void setsOnlyTheContractsVariables() {
        for (String app : Contract.SERVICES) {
            for (String name : instancesOf(app)) {
                Map<String, String> env = env(name);
                assertThat(env.keySet()).as("environment of %s", name)
                        .allSatisfy(k -> assertThat(Contract.ENV_OF.get(app)).as("%s sets %s, which %s does not read (not in the contract)", name, k, app).contains(k))
                        .containsAll(Contract.REQUIRED_ENV.get(app));
                for (String secret : Contract.SECRET_ENV) {
                    if (env.containsKey(secret)) {
                        assertThat(env.get(secret)).as("%s's %s comes from the environment or docker/.env", name, secret)
                                .startsWith("${" + secret);
                    }
                }
                assertThat(services).as("%s's RABBITMQ_HOST is a compose service", name).containsKey(env.get("RABBITMQ_HOST"));
                assertThat(env.get("RABBITMQ_PORT")).isEqualTo(String.valueOf(Contract.PORT.get("rabbitmq")));
                if (env.containsKey("QUARKUS_REDIS_HOSTS")) {
                    URI redis = URI.create(env.get("QUARKUS_REDIS_HOSTS"));
                    assertThat(services).as("%s's Redis host is a compose service", name).containsKey(redis.getHost());
                    assertThat(redis.getPort()).isEqualTo(Contract.PORT.get("redis"));
                }
            }
        }
        List<String> chats = instancesOf("chat-service");
        assertThat(chats.stream().map(c -> env(c).get("CHAT_TOKEN_SECRET")).distinct())
                .as("every chat instance gets the same CHAT_TOKEN_SECRET").hasSize(1);
    }

    @Test
    void fanoutKeepsItsArchiveOnAVolume() {
        String dir = env("fanout-service").get("FANOUT_ARCHIVE_DIR");
        assertThat(dir).isNotBlank();
        assertThat(volumeTargets("fanout-service")).as("fanout-service volumes").contains(dir);
    }

    @Test
    void theLoadBalancerSpreadsChatWithoutStickySessions() throws IOException {
        String lb = loadBalancer();
        String conf = loadBalancerConfig();
        for (String chat : instancesOf("chat-service")) {
            assertThat(conf).as("%s balances %s", lb, chat).containsPattern("server\\s+" + Pattern.quote(chat) + ":8081");
        }
        assertThat(conf).as("no sticky sessions").doesNotContainPattern("\\b(ip_hash|hash|sticky)\\b");
        Matcher m = Pattern.compile("proxy_read_timeout\\s+(\\d+)s?;").matcher(conf);
        assertThat(m.find()).as("%s sets proxy_read_timeout for WebSockets", lb).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(3600);
        assertThat(conf).as("%s passes WebSocket upgrades", lb).contains("proxy_set_header Upgrade");
    }

    // ---------------------------------------------------------------------------------------------
    // Authentication and limits (issue 10): signed-in clients only, the key from the environment

    /** The compose services of chat-service and fanout-service, which verify tokens. */
    private static Map<String, String> authInstances() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String app : Contract.AUTH_PREFIX.keySet()) {
            instancesOf(app).forEach(name -> out.put(name, app));
        }
        return out;
    }

    @Test
    void requiresSignedInClients() {
        assertThat(authInstances()).as("chat and fanout instances").hasSize(3);
        authInstances().forEach((name, app) -> assertThat(env(name))
                .as("%s requires a valid JWT", name).containsEntry(Contract.AUTH_PREFIX.get(app) + "REQUIRED", "true"));
    }

    @Test
    void takesTheVerificationKeyFromTheEnvironment() throws IOException {
        Map<String, String> example = envExample();
        authInstances().forEach((name, app) -> {
            Map<String, String> env = env(name);
            List<String> keys = Contract.keyEnv(app).stream().filter(env::containsKey).sorted().toList();
            List<String> locations = Contract.keyLocationEnv(app).stream().filter(env::containsKey).sorted().toList();
            assertThat(keys.size() + locations.size()).as("%s has exactly one verification key setting, has %s %s",
                    name, keys, locations).isEqualTo(1);
            for (String k : keys) {
                // ${NAME:?message}: from the environment or docker/.env, and no default to fall back to
                assertThat(env.get(k)).as("%s's %s is required from the environment (${%s:?...}), no literal, no default",
                        name, k, k).matches("\\$\\{" + Pattern.quote(k) + ":\\?[^}]*}");
                assertThat(example).as("docker/env.example lists %s (empty: no key in git)", k).containsEntry(k, "");
            }
            for (String k : locations) {
                assertThat(env.get(k)).as("%s's %s: a file from compose's secrets (/run/secrets/)", name, k)
                        .matches("(file:)?/run/secrets/.+");
                assertThat(services.get(name)).as("%s mounts compose secrets", name).containsKey("secrets");
            }
            for (String n : List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES")) {
                assertThat(env.get(n)).as("%s checks %s", name, n).isNotBlank();
            }
        });
        // a token accepted by one chat instance is accepted by the other
        List<String> chats = instancesOf("chat-service");
        for (String n : List.of("MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES",
                "CHAT_AUTH_REQUIRED", "CHAT_AUTH_HMAC_SECRET", "CHAT_AUTH_KEY_LOCATION")) {
            assertThat(chats.stream().map(c -> String.valueOf(env(c).get(n))).distinct())
                    .as("every chat instance gets the same %s", n).hasSize(1);
        }
    }

    @Test
    void chatBelievesOnlyItsLoadBalancersForwardedFor() throws IOException {
        for (String chat : instancesOf("chat-service")) {
            String value = env(chat).get("CHAT_LIMITS_TRUSTED_PROXIES");
            assertThat(value).as("%s trusts the load balancer's X-Forwarded-For (else all clients share its address)", chat)
                    .isNotBlank();
            List<Addresses.Block> blocks = Addresses.list(value);
            assertThat(blocks).as("%s CHAT_LIMITS_TRUSTED_PROXIES", chat).isNotEmpty()
                    .allSatisfy(b -> assertThat(Addresses.isPrivate(b)).as("%s trusts %s: not a private range", chat, b.text())
                            .isTrue());
        }
        // the load balancer is the edge: it replaces X-Forwarded-For, so a client cannot put its own entry in
        String conf = loadBalancerConfig();
        assertThat(conf).as("the load balancer sets X-Forwarded-For to the address it sees")
                .containsPattern("proxy_set_header\\s+X-Forwarded-For\\s+\\$remote_addr\\s*;")
                .doesNotContain("$proxy_add_x_forwarded_for");
        // echo- and fanout-service publish their ports themselves: their peer is the client, no proxy to trust
        for (String app : List.of("echo-service", "fanout-service")) {
            for (String name : instancesOf(app)) {
                String value = env(name).get(Contract.LIMITS_PREFIX.get(app) + "TRUSTED_PROXIES");
                assertThat(value == null ? List.of() : Addresses.list(value)).as("%s trusts no proxy", name).isEmpty();
            }
        }
    }

    @Test
    void theLoadBalancerKeepsTokensOutOfItsAccessLog() throws IOException {
        String conf = loadBalancerConfig();
        Matcher access = Pattern.compile("\\baccess_log\\s+([^;]+);").matcher(conf);
        List<String> formats = new ArrayList<>();
        while (access.find()) {
            String[] args = access.group(1).trim().split("\\s+");
            if (!args[0].equals("off")) {
                assertThat(args).as("access_log %s names its format (the default, combined, logs the query string)",
                        access.group(1)).hasSizeGreaterThan(1);
                formats.add(args[1]);
            }
        }
        assertThat(formats).as("the load balancer sets its own access_log (nginx's default logs ?access_token=...)")
                .isNotEmpty();
        for (String f : formats) {
            Matcher def = Pattern.compile("\\blog_format\\s+" + Pattern.quote(f) + "\\s+((?:'[^']*'\\s*)+);").matcher(conf);
            assertThat(def.find()).as("log_format %s is defined in the load balancer's config", f).isTrue();
            assertThat(def.group(1)).as("log_format %s", f)
                    .doesNotContainPattern("\\$(request|request_uri|args|query_string|arg_\\w+|http_referer|http_authorization"
                            + "|request_body)\\b");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String loadBalancer() {
        return services.keySet().stream().filter(n -> published(n).containsKey(8081)).findFirst().orElseThrow();
    }

    /** The nginx configuration files mounted into the load balancer, comments removed. */
    private static String loadBalancerConfig() throws IOException {
        String lb = loadBalancer();
        List<String> configs = new ArrayList<>();
        for (Object v : list(services.get(lb).get("volumes"))) {
            if (v instanceof String s && s.startsWith("./")) {
                Path p = dockerDir.resolve(s.split(":")[0]).normalize();
                if (Files.isRegularFile(p)) {
                    configs.add(Files.readString(p));
                }
            }
        }
        assertThat(configs).as("configuration files mounted into %s", lb).isNotEmpty();
        return String.join("\n", configs).replaceAll("(?m)#.*$", "");
    }

    /** docker/env.example's variables (NAME=value lines). */
    private static Map<String, String> envExample() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dockerDir.resolve("env.example"))) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                out.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    /** A service's environment, whichever of compose's two forms it is written in (env_file left out). */
    private static Map<String, String> env(String service) {
        Object e = services.get(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (e instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object item : list(e)) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        assertThat(services.get(service)).as("%s: env_file would hide variables from this check", service)
                .doesNotContainKey("env_file");
        return out;
    }

    /** Published ports, host port to container port (short and long syntax). */
    private static Map<Integer, Integer> published(String service) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Object p : list(services.get(service).get("ports"))) {
            if (p instanceof Map<?, ?> m) {
                out.put(Integer.parseInt(String.valueOf(m.get("published"))), Integer.parseInt(String.valueOf(m.get("target"))));
            } else {
                String[] parts = String.valueOf(p).split("/")[0].split(":");
                int target = Integer.parseInt(parts[parts.length - 1]);
                int host = parts.length >= 2 ? Integer.parseInt(parts[parts.length - 2]) : target;
                out.put(host, target);
            }
        }
        return out;
    }

    private static Set<String> volumeTargets(String service) {
        Set<String> out = new java.util.HashSet<>();
        for (Object v : list(services.get(service).get("volumes"))) {
            if (v instanceof Map<?, ?> m) {
                out.add(String.valueOf(m.get("target")));
            } else {
                String[] parts = String.valueOf(v).split(":");
                out.add(parts.length >= 2 ? parts[1] : parts[0]);
            }
        }
        return out;
    }

    /** An image's repository; compose's ${VAR:-default} (in the tag) left out first. */
    private static String repository(String image) {
        return Contract.repository(image.replaceAll("\\$\\{[^}]*}", "x"));
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
