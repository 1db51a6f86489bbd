package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;

/** Each overlay (and the base) renders with kubectl kustomize, and each object parses strictly. */
class KustomizeRenderTest {

    @Test
    void kubectlIsInstalled() {
        Repo.Result r = Repo.run(List.of(Repo.kubectl(), "version", "--client"));
        assertThat(r.exitCode()).as("kubectl version --client: %s", r.stderr()).isZero();
        System.out.println("deploy-checks: " + r.stdout().lines().findFirst().orElse("?"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersAndParsesStrictly(String dir) {
        Repo.Result r = Repo.kustomize(dir);
        assertThat(r.exitCode()).as("kubectl kustomize k8s/%s: %s", dir, r.stderr()).isZero();
        List<HasMetadata> objects = StrictKubernetes.parseAll(r.stdout());
        assertThat(objects).as("objects rendered from k8s/%s", dir).hasSizeGreaterThan(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsLabelledAndInTheOverlaysNamespace(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String namespace = r.all(Namespace.class).stream().map(n -> n.getMetadata().getName()).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no Namespace"));
        Set<String> seen = new HashSet<>();
        for (HasMetadata o : r.objects) {
            String id = o.getKind() + " " + o.getMetadata().getName();
            assertThat(seen.add(id)).as("%s twice", id).isTrue();
            assertThat(o.getMetadata().getLabels()).as("labels of %s", id)
                    .containsEntry("app.kubernetes.io/part-of", "rtc")
                    .containsKey("app.kubernetes.io/name");
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace()).as("namespace of %s", id).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceAndBrokerRunsOnce(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        List<String> apps = r.workloads().stream().map(Rendered.Workload::app).sorted().toList();
        assertThat(apps).containsExactlyInAnyOrder("chat-service", "echo-service", "fanout-service", "rabbitmq", "redis");
        assertThat(r.workload("echo-service").kind()).isEqualTo("Deployment");
        assertThat(r.workload("chat-service").kind()).isEqualTo("Deployment");
        assertThat(r.workload("fanout-service").kind()).isEqualTo("StatefulSet");
        assertThat(r.workload("redis").kind()).isEqualTo("StatefulSet");
        assertThat(r.workload("rabbitmq").kind()).isEqualTo("StatefulSet");
    }
}
