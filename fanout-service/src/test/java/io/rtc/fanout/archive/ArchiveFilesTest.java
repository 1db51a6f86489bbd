package io.rtc.fanout.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's files on their own: rotation, a line cut by a crash, and reading the newest lines back. */
class ArchiveFilesTest {

    @TempDir
    Path dir;

    private static ByteBuffer lines(String... ids) {
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append("{\"id\":\"").append(id).append("\",\"body\":\"").append("x".repeat(20)).append("\"}\n");
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rotatesBySizeAndReadsNewestAcrossFiles() throws Exception {
        try (ArchiveFiles files = new ArchiveFiles(dir, 100)) {
            for (int i = 0; i < 10; i++) {
                files.append(lines("m" + i));
                files.force();
            }
        }
        // two 41-byte lines fit in 100 bytes
        assertThat(ArchiveFiles.list(dir)).hasSize(5);
        assertThat(ArchiveReader.newest(dir, 3)).extracting(RecentIds::idOf).containsExactly("m7", "m8", "m9");
        assertThat(ArchiveReader.newest(dir, 100)).hasSize(10);
    }

    @Test
    void aLineCutByACrashIsDroppedAndTheNextStartsOnItsOwnLine() throws Exception {
        Path first = dir.resolve("logs-000000001.jsonl");
        Files.writeString(first, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"bo");
        assertThat(ArchiveReader.newest(dir, 10)).extracting(RecentIds::idOf).containsExactly("a", "b");
        try (ArchiveFiles files = new ArchiveFiles(dir, 1 << 20)) {
            files.append(lines("d"));
            files.force();
        }
        assertThat(Files.readAllLines(first)).hasSize(3);
        assertThat(ArchiveReader.newest(dir, 10)).extracting(RecentIds::idOf).containsExactly("a", "b", "d");
    }

    @Test
    void readsLinesLongerThanOneChunk() throws Exception {
        String big = "{\"id\":\"big\",\"body\":\"" + "y".repeat(200_000) + "\"}\n";
        Files.writeString(dir.resolve("logs-000000001.jsonl"), "{\"id\":\"small\"}\n" + big, StandardOpenOption.CREATE);
        assertThat(ArchiveReader.newest(dir, 2)).extracting(RecentIds::idOf).containsExactly("small", "big");
        assertThat(ArchiveReader.newest(dir, 1).get(0)).hasSize(big.length() - 1);
    }

    @Test
    void remembersOnlyTheNewestIds() {
        RecentIds ids = new RecentIds(2);
        ids.add("a");
        ids.add("b");
        ids.add("c");
        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.contains("c")).isTrue();
        assertThat(RecentIds.idOf("{\"id\":null,\"body\":\"x\"}")).isNull();
    }
}
