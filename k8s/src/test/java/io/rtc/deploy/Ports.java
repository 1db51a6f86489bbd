package io.rtc.deploy;

import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

/** Port numbers behind names (a Service's targetPort, a probe's port). */
final class Ports {

    private Ports() {
    }

    /** The number {@code port} stands for in {@code container}: itself, or the container port of that name. */
    static Optional<Integer> resolve(IntOrString port, Container container) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        String name = port.getStrVal();
        return container.getPorts() == null ? Optional.empty() : container.getPorts().stream()
                .filter(p -> Objects.equals(name, p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    /** The port a probe checks (HTTP or TCP), if it checks one. */
    static Optional<Integer> of(Probe probe, Container container) {
        if (probe.getHttpGet() != null) {
            return resolve(probe.getHttpGet().getPort(), container);
        }
        if (probe.getTcpSocket() != null) {
            return resolve(probe.getTcpSocket().getPort(), container);
        }
        if (probe.getGrpc() != null) {
            return Optional.ofNullable(probe.getGrpc().getPort());
        }
        return Optional.empty();
    }
}
