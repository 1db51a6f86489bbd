package io.rtc.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** One overlay as {@code kubectl kustomize} renders it, read strictly into the model. */
final class Rendered {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    final String overlay;
    final List<HasMetadata> objects;

    private Rendered(String overlay, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** k8s/overlays/{@code name}, rendered and parsed once per test run. */
    static Rendered overlay(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            Repo.Result r = Repo.kustomize("overlays/" + n);
            if (r.exitCode() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + n + " exited " + r.exitCode() + ": " + r.stderr());
            }
            return new Rendered(n, List.copyOf(StrictKubernetes.parseAll(r.stdout())));
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (type.isInstance(o)) {
                list.add(type.cast(o));
            }
        }
        return list;
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    /** A Deployment or a StatefulSet, seen through what they have in common. */
    record Workload(HasMetadata object, Integer replicas, LabelSelector selector, PodTemplateSpec template) {

        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        /** The workload's {@code app.kubernetes.io/name}. */
        String app() {
            return template.getMetadata().getLabels().get("app.kubernetes.io/name");
        }

        Container container() {
            List<Container> containers = template.getSpec().getContainers();
            if (containers.size() != 1) {
                throw new AssertionError(kind() + " " + name() + ": expected one container, got " + containers.size());
            }
            return containers.get(0);
        }

        Stream<Container> allContainers() {
            List<Container> init = template.getSpec().getInitContainers();
            return Stream.concat(init == null ? Stream.empty() : init.stream(), template.getSpec().getContainers().stream());
        }
    }

    List<Workload> workloads() {
        List<Workload> list = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            list.add(new Workload(d, d.getSpec().getReplicas(), d.getSpec().getSelector(), d.getSpec().getTemplate()));
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            list.add(new Workload(s, s.getSpec().getReplicas(), s.getSpec().getSelector(), s.getSpec().getTemplate()));
        }
        return list;
    }

    Workload workload(String app) {
        return workloads().stream().filter(w -> app.equals(w.app())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no workload with app.kubernetes.io/name=" + app));
    }

    @Override
    public String toString() {
        return overlay;
    }
}
