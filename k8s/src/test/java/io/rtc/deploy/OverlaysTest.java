package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;

/** What tells dev from prod: replicas, images, autoscaling, resources. */
class OverlaysTest {

    @Test
    void devRunsOneJvmReplicaOfEverything() {
        Rendered dev = Rendered.overlay("dev");
        for (Rendered.Workload w : dev.workloads()) {
            assertThat(w.replicas()).as("dev replicas of %s", w.name()).isEqualTo(1);
        }
        for (String app : Contract.SERVICES) {
            String image = dev.workload(app).container().getImage();
            assertThat(Contract.repository(image)).as("dev image of %s", app).isEqualTo(Contract.jvmImage(app));
        }
        assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    @Test
    void prodRunsSeveralNativeReplicas() {
        Rendered prod = Rendered.overlay("prod");
        Map<String, Integer> replicas = Map.of("echo-service", 2, "chat-service", 3, "fanout-service", 2);
        replicas.forEach((app, n) -> assertThat(prod.workload(app).replicas()).as("prod replicas of %s", app).isEqualTo(n));
        for (String app : Contract.SERVICES) {
            String image = prod.workload(app).container().getImage();
            assertThat(Contract.repository(image)).as("prod image of %s", app).isEqualTo(Contract.nativeImage(app));
        }
    }

    @Test
    void prodAutoscalesEchoAndChat() {
        Rendered prod = Rendered.overlay("prod");
        List<HorizontalPodAutoscaler> hpas = prod.all(HorizontalPodAutoscaler.class);
        assertThat(hpas).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("echo-service", "chat-service");
        for (HorizontalPodAutoscaler hpa : hpas) {
            var ref = hpa.getSpec().getScaleTargetRef();
            assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
            assertThat(ref.getKind()).isEqualTo("Deployment");
            Deployment target = prod.get(Deployment.class, ref.getName());
            int min = hpa.getSpec().getMinReplicas();
            assertThat(min).as("%s minReplicas", ref.getName()).isGreaterThan(1);
            assertThat(hpa.getSpec().getMaxReplicas()).as("%s maxReplicas", ref.getName()).isGreaterThan(min);
            assertThat(target.getSpec().getReplicas()).as("%s replicas within the HPA's range", ref.getName())
                    .isBetween(min, hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMetrics()).as("%s metrics", ref.getName()).isNotEmpty();
            for (MetricSpec m : hpa.getSpec().getMetrics()) {
                assertThat(m.getType()).isEqualTo("Resource");
                String resource = m.getResource().getName();
                // utilization is measured against the request: the container must have one
                assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests())
                        .as("%s requests %s", ref.getName(), resource).containsKey(resource);
            }
        }
    }

    @Test
    void prodHasAtLeastDevsResources() {
        Rendered dev = Rendered.overlay("dev");
        Rendered prod = Rendered.overlay("prod");
        for (Rendered.Workload d : dev.workloads()) {
            var devRes = d.container().getResources();
            var prodRes = prod.workload(d.app()).container().getResources();
            for (String res : List.of("cpu", "memory")) {
                Quantity a = devRes.getRequests().get(res);
                Quantity b = prodRes.getRequests().get(res);
                assertThat(b.compareTo(a)).as("%s %s request: prod %s, dev %s", d.app(), res, b, a).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void brokerImagesArePinned(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String app : Contract.BROKERS) {
            String image = r.workload(app).container().getImage();
            assertThat(image).as("%s image has a tag", app).contains(":").doesNotEndWith(":latest");
        }
    }
}
