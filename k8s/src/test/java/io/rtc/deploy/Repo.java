package io.rtc.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The repository the module sits in, and {@code kubectl kustomize} run from its root. */
final class Repo {

    private Repo() {
    }

    private static final Map<String, Result> RENDERED = new ConcurrentHashMap<>();

    /** The repository's root: the parent of this module's folder (Maven runs tests in the module's folder). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s/overlays")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no k8s/overlays above " + here);
    }

    /** kubectl from $KUBECTL, else the one on the PATH. */
    static String kubectl() {
        String k = System.getenv("KUBECTL");
        return k == null || k.isBlank() ? "kubectl" : k;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** {@code kubectl kustomize k8s/overlays/<name>} (or any folder under k8s/), once per run. */
    static Result kustomize(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> run(List.of(kubectl(), "kustomize", "k8s/" + d)));
    }

    static Result run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + " (is kubectl installed? scripts/test-deps.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
