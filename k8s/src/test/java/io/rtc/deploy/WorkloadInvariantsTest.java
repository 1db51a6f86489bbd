package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Deployments and StatefulSets: selectors, probes, ports, resources, security, shutdown, metrics, PDBs. */
class WorkloadInvariantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void selectorsMatchTheirOwnPodsOnly(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (Rendered.Workload w : r.workloads()) {
            assertThat(w.selector().getMatchLabels()).as("%s %s selector", w.kind(), w.name()).isNotEmpty();
            assertThat(Selectors.matches(w.selector(), w.template().getMetadata().getLabels()))
                    .as("%s %s: selector %s matches its pod template labels %s", w.kind(), w.name(),
                            w.selector(), w.template().getMetadata().getLabels())
                    .isTrue();
            for (Rendered.Workload other : r.workloads()) {
                if (other.object() != w.object()) {
                    assertThat(Selectors.matches(w.selector(), other.template().getMetadata().getLabels()))
                            .as("%s %s's selector also selects %s %s's pods", w.kind(), w.name(), other.kind(), other.name())
                            .isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesProbeTheirHealthEndpointsOnTheirPort(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            Container c = r.workload(app).container();
            int port = Contract.PORT.get(app);
            assertHttpProbe(app, "startupProbe", c.getStartupProbe(), c, Contract.STARTED, port);
            assertHttpProbe(app, "livenessProbe", c.getLivenessProbe(), c, Contract.LIVE, port);
            assertHttpProbe(app, "readinessProbe", c.getReadinessProbe(), c, Contract.READY, port);
            assertThat(c.getPorts()).as("%s container ports", app)
                    .extracting(ContainerPort::getContainerPort).containsExactly(port);
            assertThat(c.getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isIn(null, "TCP"));
        }
    }

    private static void assertHttpProbe(String app, String kind, Probe probe, Container c, String path, int port) {
        assertThat(probe).as("%s %s", app, kind).isNotNull();
        assertThat(probe.getHttpGet()).as("%s %s is an HTTP GET", app, kind).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s %s path", app, kind).isEqualTo(path);
        assertThat(Ports.of(probe, c)).as("%s %s port", app, kind).contains(port);
        assertThat(probe.getHttpGet().getScheme()).as("%s %s scheme", app, kind).isIn(null, "HTTP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void brokersAreProbedOnTheirPort(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.BROKERS) {
            Container c = r.workload(app).container();
            int port = Contract.PORT.get(app);
            Set<Integer> allowed = new java.util.HashSet<>(Contract.EXTRA_PORTS.getOrDefault(app, Set.of()));
            allowed.add(port);
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).contains(port)
                    .allSatisfy(p -> assertThat(allowed).as("%s exposes %s", app, p).contains(p));
            for (Probe p : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                assertThat(p).as("%s probes", app).isNotNull();
                if (p.getExec() == null) {
                    assertThat(Ports.of(p, c)).as("%s probe port", app).contains(port);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasResourceRequestsAndLimits(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        r.workloads().forEach(w -> w.allContainers().forEach(c -> {
            String id = w.name() + "/" + c.getName();
            assertThat(c.getResources()).as("%s resources", id).isNotNull();
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as("%s requests", id).containsKeys("cpu", "memory");
            assertThat(limits).as("%s limits", id).containsKeys("cpu", "memory");
            for (String res : List.of("cpu", "memory")) {
                assertThat(requests.get(res).compareTo(limits.get(res))).as("%s %s request <= limit", id, res)
                        .isLessThanOrEqualTo(0);
            }
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRunsLockedDown(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (Rendered.Workload w : r.workloads()) {
            PodSpec pod = w.template().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            assertThat(psc).as("%s pod securityContext", w.name()).isNotNull();
            assertThat(psc.getSeccompProfile()).as("%s seccompProfile", w.name()).isNotNull();
            assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).as("%s hostNetwork", w.name()).isIn(null, false);
            assertThat(pod.getHostPID()).isIn(null, false);
            assertThat(pod.getHostIPC()).isIn(null, false);
            assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts an API token", w.name()).isFalse();
            // Service links would put RABBITMQ_PORT=tcp://... and the like into the environment
            assertThat(pod.getEnableServiceLinks()).as("%s enableServiceLinks", w.name()).isFalse();
            w.allContainers().forEach(c -> {
                String id = w.name() + "/" + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as("%s securityContext", id).isNotNull();
                assertThat(sc.getRunAsNonRoot()).as("%s runAsNonRoot", id).isTrue();
                Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
                assertThat(uid).as("%s runAsUser", id).isNotNull().isPositive();
                assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", id).isFalse();
                assertThat(sc.getPrivileged()).as("%s privileged", id).isIn(null, false);
                assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", id).isTrue();
                assertThat(sc.getCapabilities()).as("%s capabilities", id).isNotNull();
                assertThat(sc.getCapabilities().getDrop()).as("%s drops", id).contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as("%s adds capabilities", id).isNullOrEmpty();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesWriteOnlyToTmpAndTheirVolumes(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            Rendered.Workload w = r.workload(app);
            VolumeMount tmp = w.container().getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                    .findFirst().orElseThrow(() -> new AssertionError(app + " mounts nothing at /tmp"));
            Volume v = volume(w, tmp.getName());
            assertThat(v.getEmptyDir()).as("%s /tmp is an emptyDir", app).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void statefulSetsKeepTheirDataOnClaimsAndHaveAHeadlessService(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, String> dataPath = Map.of(
                "redis", "/data",
                "rabbitmq", "/var/lib/rabbitmq",
                "fanout-service", ConfigInvariantsTest.setting(r, "fanout-service", "FANOUT_ARCHIVE_DIR"));
        for (StatefulSet s : r.all(StatefulSet.class)) {
            String app = s.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name");
            Service governing = r.get(Service.class, s.getSpec().getServiceName());
            assertThat(governing.getSpec().getClusterIP()).as("%s's Service %s is headless", app, governing.getMetadata().getName())
                    .isEqualTo("None");
            assertThat(Selectors.matches(governing.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("%s's governing Service selects its pods", app).isTrue();
            Set<String> claims = s.getSpec().getVolumeClaimTemplates().stream()
                    .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
            Container c = s.getSpec().getTemplate().getSpec().getContainers().get(0);
            String path = dataPath.get(app);
            assertThat(path).as("data path of %s", app).isNotNull();
            VolumeMount m = c.getVolumeMounts().stream().filter(vm -> path.equals(vm.getMountPath())).findFirst()
                    .orElseThrow(() -> new AssertionError(app + " mounts nothing at " + path));
            assertThat(claims).as("%s's volume at %s is a claim template", app, path).contains(m.getName());
            for (PersistentVolumeClaim pvc : s.getSpec().getVolumeClaimTemplates()) {
                assertThat(pvc.getSpec().getResources().getRequests()).as("%s claim size", app).containsKey("storage");
                assertThat(pvc.getSpec().getAccessModes()).contains("ReadWriteOnce");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesShutDownGracefully(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            Rendered.Workload w = r.workload(app);
            Container c = w.container();
            assertThat(c.getLifecycle()).as("%s lifecycle", app).isNotNull();
            assertThat(c.getLifecycle().getPreStop()).as("%s preStop", app).isNotNull();
            long preStop = preStopSeconds(app, c);
            assertThat(preStop).as("%s preStop seconds", app).isBetween(3L, 10L);
            Long grace = w.template().getSpec().getTerminationGracePeriodSeconds();
            // the services stop within 10-20 s of SIGTERM; fanout-service may finish an archive batch
            long needed = "fanout-service".equals(app) ? 45 : 30;
            assertThat(grace).as("%s terminationGracePeriodSeconds", app).isNotNull().isGreaterThanOrEqualTo(needed);
            assertThat(grace - preStop).as("%s time left after preStop", app).isGreaterThanOrEqualTo(20);
        }
    }

    private static long preStopSeconds(String app, Container c) {
        var h = c.getLifecycle().getPreStop();
        if (h.getSleep() != null) {
            return h.getSleep().getSeconds();
        }
        if (h.getExec() != null && h.getExec().getCommand().size() == 2 && "sleep".equals(h.getExec().getCommand().get(0))) {
            return Long.parseLong(h.getExec().getCommand().get(1));
        }
        throw new AssertionError(app + ": preStop is neither sleep nor exec sleep N: " + h);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesAreScrapedByPrometheus(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.SERVICES) {
            Map<String, String> a = r.workload(app).template().getMetadata().getAnnotations();
            assertThat(a).as("%s pod annotations", app).isNotNull()
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(Contract.PORT.get(app)))
                    .containsEntry("prometheus.io/path", Contract.METRICS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasAPodDisruptionBudgetThatAllowsADrain(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<PodDisruptionBudget> pdbs = r.all(PodDisruptionBudget.class);
        for (PodDisruptionBudget pdb : pdbs) {
            assertThat(r.workloads()).as("PDB %s selects a workload", pdb.getMetadata().getName())
                    .anyMatch(w -> Selectors.matches(pdb.getSpec().getSelector(), w.template().getMetadata().getLabels()));
        }
        for (Rendered.Workload w : r.workloads()) {
            List<PodDisruptionBudget> mine = pdbs.stream()
                    .filter(p -> Selectors.matches(p.getSpec().getSelector(), w.template().getMetadata().getLabels()))
                    .toList();
            assertThat(mine).as("PDBs of %s", w.name()).hasSize(1);
            PodDisruptionBudget pdb = mine.get(0);
            int replicas = Objects.requireNonNullElse(w.replicas(), 1);
            if (pdb.getSpec().getMaxUnavailable() != null) {
                assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as("%s maxUnavailable", w.name()).isPositive();
            } else {
                assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as("%s minAvailable", w.name()).isLessThan(replicas);
            }
        }
    }

    static Volume volume(Rendered.Workload w, String name) {
        return w.template().getSpec().getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(w.name() + ": no volume " + name));
    }
}
