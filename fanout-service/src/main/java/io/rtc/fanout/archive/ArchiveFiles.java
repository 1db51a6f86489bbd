package io.rtc.fanout.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archive's files: {@code logs-000000001.jsonl}, {@code logs-000000002.jsonl}, … in one folder,
 * one JSON object a line, a new file once the current one reaches the size limit. Used by one
 * thread only (the writer); readers list and read the files on their own.
 * <p>
 * Not final, and {@link #append}/{@link #force} overridable in this package, so that a test can hand
 * {@link ArchiveWriter} a disk that stalls or fails (its retries and dead-lettering cannot be reached otherwise).
 */
class ArchiveFiles implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("logs-(\\d{9})\\.jsonl");

    private final Path dir;
    private final long maxFileSize;
    private FileChannel channel;
    private long index;
    private long size;
    /** Where the last fsync left the current file: a failed write is cut back to here. */
    private long durable;

    ArchiveFiles(Path dir, long maxFileSize) {
        this.dir = dir;
        this.maxFileSize = maxFileSize;
    }

    /** The archive's files, oldest first. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Opens the newest file for appending. A line cut short by a crash (never acknowledged, so the
     * broker delivers it again) is cut off, so the next line starts on a line of its own.
     */
    void open() throws IOException {
        Files.createDirectories(dir);
        List<Path> files = list(dir);
        if (files.isEmpty()) {
            index = 1;
        } else {
            Matcher name = NAME.matcher(files.get(files.size() - 1).getFileName().toString());
            index = name.matches() ? Long.parseLong(name.group(1)) : 1;
        }
        openCurrent();
        size = endOfLastLine();
        channel.truncate(size);
        durable = size;
    }

    private void openCurrent() throws IOException {
        Path file = dir.resolve(String.format("logs-%09d.jsonl", index));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        size = channel.size();
    }

    private long endOfLastLine() throws IOException {
        long end = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                return end;
            }
            end--;
        }
        return 0;
    }

    /** Appends whole lines, starting a new file first if they would not fit in this one. */
    void append(ByteBuffer lines) throws IOException {
        if (channel == null) {
            open();
        }
        if (size > 0 && size + lines.remaining() > maxFileSize) {
            channel.force(false);
            channel.close();
            index++;
            openCurrent();
            durable = size;
        }
        long position = size;
        try {
            while (lines.hasRemaining()) {
                position += channel.write(lines, position);
            }
        } finally {
            size = position;
        }
    }

    /** Makes what was appended durable (file data; the size change rides along with fdatasync). */
    void force() throws IOException {
        channel.force(false);
        durable = size;
    }

    /** After a failed write or fsync: cut what was not made durable, and reopen on the next append. */
    void rollback() {
        try {
            if (channel != null) {
                channel.truncate(durable);
                channel.close();
            }
        } catch (IOException ignored) {
            // the next append reopens and repairs the file
        }
        channel = null;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
            channel = null;
        }
    }
}
