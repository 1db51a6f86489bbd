package io.rtc.fanout.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Singleton;

import io.rtc.fanout.config.FanoutConfig;

/**
 * Reads the newest archived lines, from the end of the newest file backwards, so a small limit
 * reads a few kilobytes whatever the archive's size. A line still being written (no newline yet)
 * is not returned.
 */
@Singleton
public class ArchiveReader {

    private static final int CHUNK = 64 * 1024;

    private final Path dir;

    public ArchiveReader(FanoutConfig config) {
        this.dir = config.archive().dir();
    }

    /** The newest {@code limit} lines (raw JSON objects), oldest first. */
    public List<String> newest(int limit) {
        return newest(dir, limit);
    }

    static List<String> newest(Path dir, int limit) {
        List<String> lines = new ArrayList<>();
        List<Path> files = ArchiveFiles.list(dir);
        for (int i = files.size() - 1; i >= 0 && lines.size() < limit; i--) {
            try {
                readBackwards(files.get(i), lines, limit);
            } catch (IOException e) {
                // a file removed meanwhile (by an operator) just ends the read
            }
        }
        Collections.reverse(lines);
        return lines;
    }

    private static void readBackwards(Path file, List<String> lines, int limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = channel.size();
            byte[] carry = new byte[0];
            boolean newlineSeen = false;
            while (position > 0 && lines.size() < limit) {
                int length = (int) Math.min(CHUNK, position);
                position -= length;
                ByteBuffer chunk = ByteBuffer.allocate(length + carry.length);
                chunk.limit(length);
                while (chunk.position() < length) {
                    if (channel.read(chunk, position + chunk.position()) < 0) {
                        break;
                    }
                }
                chunk.limit(chunk.capacity());
                chunk.put(carry);
                byte[] bytes = chunk.array();
                int end = bytes.length;
                for (int i = bytes.length - 1; i >= 0 && lines.size() < limit; i--) {
                    if (bytes[i] == '\n') {
                        if (newlineSeen && i + 1 < end) {
                            lines.add(new String(bytes, i + 1, end - i - 1, StandardCharsets.UTF_8));
                        }
                        newlineSeen = true;
                        end = i;
                    }
                }
                ByteArrayOutputStream rest = new ByteArrayOutputStream(end);
                rest.write(bytes, 0, end);
                carry = rest.toByteArray();
            }
            if (position == 0 && newlineSeen && carry.length > 0 && lines.size() < limit) {
                lines.add(new String(carry, StandardCharsets.UTF_8));
            }
        }
    }
}
