package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** Services, NetworkPolicies and the Ingress. */
class NetworkInvariantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsAWorkloadAndReachesARealPort(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (Service svc : r.all(Service.class)) {
            String name = svc.getMetadata().getName();
            List<Rendered.Workload> selected = r.workloads().stream()
                    .filter(w -> Selectors.matches(svc.getSpec().getSelector(), w.template().getMetadata().getLabels()))
                    .toList();
            assertThat(selected).as("workloads of Service %s", name).hasSize(1);
            Rendered.Workload w = selected.get(0);
            Set<Integer> real = new HashSet<>(Contract.EXTRA_PORTS.getOrDefault(w.app(), Set.of()));
            real.add(Contract.PORT.get(w.app()));
            assertThat(svc.getSpec().getPorts()).as("ports of Service %s", name).isNotEmpty();
            for (ServicePort p : svc.getSpec().getPorts()) {
                IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
                assertThat(Ports.resolve(target, w.container())).as("Service %s port %s reaches a container port", name, p.getPort())
                        .isPresent().get().satisfies(t -> assertThat(real).as("real ports of %s", w.app()).contains(t));
                assertThat(p.getPort()).as("Service %s port", name).isIn(real);
                assertThat(p.getProtocol()).isIn(null, "TCP");
            }
            assertThat(svc.getSpec().getSessionAffinity()).as("Service %s session affinity", name).isIn(null, "None");
            assertThat(svc.getSpec().getType()).as("Service %s type", name).isIn(null, "ClusterIP");
        }
        for (String app : Contract.SERVICES) {
            assertThat(r.all(Service.class)).as("a Service %s on port %s", app, Contract.PORT.get(app))
                    .anyMatch(s -> s.getMetadata().getName().equals(app)
                            && s.getSpec().getPorts().stream().anyMatch(p -> p.getPort().equals(Contract.PORT.get(app))));
        }
        for (String app : Contract.BROKERS) {
            Service svc = r.get(Service.class, app);
            assertThat(svc.getSpec().getClusterIP()).as("%s's Service is headless", app).isEqualTo("None");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyChatServiceReachesRedis(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertThat(allowedSources(r, "redis", Contract.PORT.get("redis"))).containsExactly("chat-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheServicesReachRabbitmq(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertThat(allowedSources(r, "rabbitmq", Contract.PORT.get("rabbitmq")))
                .containsExactlyInAnyOrder("echo-service", "chat-service", "fanout-service");
    }

    /**
     * The workloads whose pods the NetworkPolicies let reach {@code target}'s pods on {@code port}. Fails when
     * the port is open to more than pods of this namespace (no policy, an empty {@code from}, a namespace or
     * IP block).
     */
    private static Set<String> allowedSources(Rendered r, String target, int port) {
        Rendered.Workload t = r.workload(target);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                .filter(np -> Selectors.matches(np.getSpec().getPodSelector(), t.template().getMetadata().getLabels()))
                .filter(np -> np.getSpec().getPolicyTypes() == null || np.getSpec().getPolicyTypes().isEmpty()
                        || np.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        assertThat(policies).as("NetworkPolicies isolating %s", target).isNotEmpty();
        Set<String> sources = new HashSet<>();
        for (NetworkPolicy np : policies) {
            String name = np.getMetadata().getName();
            for (NetworkPolicyIngressRule rule : np.getSpec().getIngress() == null ? List.<NetworkPolicyIngressRule>of() : np.getSpec().getIngress()) {
                if (!coversPort(rule.getPorts(), t, port)) {
                    continue;
                }
                assertThat(rule.getFrom()).as("%s: a rule open to every source on %s:%d", name, target, port).isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as("%s: an IP block reaches %s:%d", name, target, port).isNull();
                    assertThat(peer.getNamespaceSelector()).as("%s: other namespaces reach %s:%d", name, target, port).isNull();
                    assertThat(peer.getPodSelector()).as("%s: peer without podSelector", name).isNotNull();
                    r.workloads().stream()
                            .filter(w -> Selectors.matches(peer.getPodSelector(), w.template().getMetadata().getLabels()))
                            .forEach(w -> sources.add(w.app()));
                }
            }
        }
        return sources;
    }

    private static boolean coversPort(List<NetworkPolicyPort> ports, Rendered.Workload t, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (p.getProtocol() != null && !"TCP".equals(p.getProtocol())) {
                continue;
            }
            if (p.getPort() == null) {
                return true;
            }
            int from = Ports.resolve(p.getPort(), t.container()).orElse(-1);
            int to = p.getEndPort() != null ? p.getEndPort() : from;
            if (from <= port && port <= to) {
                return true;
            }
        }
        return false;
    }

    /** What the Ingress must route, and to which service. */
    private static final Map<String, String> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("/echo", "echo-service");
        ROUTES.put("/chatHub", "chat-service");
        ROUTES.put("/", "chat-service");
        ROUTES.put("/logs/stream", "fanout-service");
        ROUTES.put("/api/logs", "fanout-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressCarriesWebSocketsToEachService(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<Ingress> ingresses = r.all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ing = ingresses.get(0);
        Map<String, String> a = ing.getMetadata().getAnnotations();
        for (String k : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            assertThat(a).as("Ingress annotations").containsKey(k);
            assertThat(Integer.parseInt(a.get(k))).as(k).isGreaterThanOrEqualTo(3600);
        }
        assertThat(a).as("no session affinity: chat-service does not need it")
                .doesNotContainKey("nginx.ingress.kubernetes.io/affinity")
                .doesNotContainKey("nginx.ingress.kubernetes.io/upstream-hash-by");
        assertThat(ing.getSpec().getIngressClassName()).isEqualTo("nginx");

        Map<String, String> routed = new LinkedHashMap<>();
        for (IngressRule rule : ing.getSpec().getRules()) {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                assertThat(p.getPathType()).as("pathType of %s", p.getPath()).isIn("Prefix", "Exact");
                String svcName = p.getBackend().getService().getName();
                Service svc = r.get(Service.class, svcName);
                Integer port = p.getBackend().getService().getPort().getNumber();
                if (port == null) {
                    String portName = p.getBackend().getService().getPort().getName();
                    port = svc.getSpec().getPorts().stream().filter(sp -> portName.equals(sp.getName()))
                            .map(ServicePort::getPort).findFirst().orElseThrow();
                }
                int servicePort = port;
                assertThat(svc.getSpec().getPorts()).as("%s -> %s:%d", p.getPath(), svcName, servicePort)
                        .anyMatch(sp -> sp.getPort() == servicePort);
                String app = svc.getSpec().getSelector().get("app.kubernetes.io/name");
                assertThat(servicePort).as("%s goes to %s's port", p.getPath(), app).isEqualTo(Contract.PORT.get(app));
                routed.put(p.getPath(), app);
            }
        }
        assertThat(routed).containsAllEntriesOf(ROUTES);
    }
}
