package io.rtc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The images (docker/Dockerfile.jvm, Dockerfile.native) and the manifests agree on user and archive folder. */
class DockerfilesTest {

    private static String dockerfile(String name) throws IOException {
        Path p = Repo.root().resolve("docker").resolve(name);
        assertThat(p).exists();
        return Files.readString(p);
    }

    private static String last(Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        assertThat(found).as(what).isNotNull();
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void imagesRunAsTheUserThePodsRunAs(String name) throws IOException {
        String user = last(Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$"), dockerfile(name), name + "'s last USER");
        for (String overlay : List.of("dev", "prod")) {
            Rendered r = Rendered.overlay(overlay);
            for (String app : Contract.SERVICES) {
                Long uid = r.workload(app).template().getSpec().getSecurityContext().getRunAsUser();
                assertThat(String.valueOf(uid)).as("%s %s runAsUser and %s's USER", overlay, app, name)
                        .isEqualTo(user.split(":")[0]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void theArchiveFolderIsTheImagesVolume(String name) throws IOException {
        String dir = last(Pattern.compile("(?m)^ENV\\s+FANOUT_ARCHIVE_DIR=(\\S+)\\s*$"), dockerfile(name),
                name + "'s FANOUT_ARCHIVE_DIR");
        for (String overlay : List.of("dev", "prod")) {
            assertThat(ConfigInvariantsTest.setting(Rendered.overlay(overlay), "fanout-service", "FANOUT_ARCHIVE_DIR"))
                    .as("%s FANOUT_ARCHIVE_DIR and %s's", overlay, name).isEqualTo(dir);
        }
    }
}
