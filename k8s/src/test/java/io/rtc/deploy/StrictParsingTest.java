package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The strict reader rejects what the API server would reject (or silently drop). */
class StrictParsingTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 1
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports:
                        - containerPort: 8080
                      %s
            """;

    @Test
    void aValidDeploymentParses() {
        var objects = StrictKubernetes.parseAll(DEPLOYMENT.formatted("livenessProbe: {httpGet: {path: /q/health/live, port: 8080}}"));
        assertThat(objects).singleElement().isInstanceOf(Deployment.class);
        Deployment d = (Deployment) objects.get(0);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getLivenessProbe().getHttpGet().getPath())
                .isEqualTo("/q/health/live");
    }

    @Test
    void aMisspelledFieldIsRejected() {
        // `livenessprobe`: the API server would drop it (or refuse it with strict field validation)
        assertThatThrownBy(() -> StrictKubernetes.parseAll(
                DEPLOYMENT.formatted("livenessprobe: {httpGet: {path: /q/health/live, port: 8080}}")))
                .hasMessageContaining("livenessprobe");
    }

    @Test
    void aFieldAtTheWrongLevelIsRejected() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll(DEPLOYMENT.formatted("replicas: 2")))
                .hasMessageContaining("replicas");
    }

    @Test
    void aStringForANumberIsRejected() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll(DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"").formatted("")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aKeyTwiceIsRejected() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll(DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  replicas: 2\n").formatted("")))
                .hasMessageContaining("replicas");
    }

    @Test
    void anUnknownKindIsRejected() {
        assertThatThrownBy(() -> StrictKubernetes.parseAll("""
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: old}
                """)).hasMessageContaining("extensions/v1beta1/Ingress");
    }
}
