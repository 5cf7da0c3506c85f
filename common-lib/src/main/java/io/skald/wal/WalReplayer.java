package io.skald.wal;

import io.skald.chunk.CorruptChunkException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Replays a WAL directory: the newest checkpoint, then every later segment in order. A torn or corrupt record (a
 * crash mid-write) ends that file's replay with a warning and replay continues with the next file; it never fails
 * the start. Only I/O errors reading the directory propagate.
 */
public final class WalReplayer {
    private static final System.Logger LOG = System.getLogger(WalReplayer.class.getName());

    private WalReplayer() {}

    public static ReplayReport replay(Path directory, ReplayConsumer consumer) throws IOException {
        long started = System.nanoTime();
        Progress progress = new Progress();
        if (!Files.isDirectory(directory)) {
            return new ReplayReport(-1, 0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
        List<Long> checkpoints = WalFiles.checkpoints(directory);
        long checkpoint = checkpoints.isEmpty() ? -1 : checkpoints.getLast();
        if (checkpoint >= 0) {
            replayFile(directory.resolve(WalFiles.checkpointName(checkpoint)), consumer, progress);
        }
        int segments = 0;
        for (long index : WalFiles.segments(directory)) {
            if (index > checkpoint) {
                replayFile(directory.resolve(WalFiles.segmentName(index)), consumer, progress);
                segments++;
            }
        }
        return new ReplayReport(
                checkpoint,
                segments,
                progress.records,
                progress.bytes,
                progress.corruptTails,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void replayFile(Path file, ReplayConsumer consumer, Progress progress) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return; // deleted by a concurrent checkpoint cleanup
        }
        long offset = 0;
        byte[] header = new byte[RecordCodec.HEADER_SIZE - 1];
        byte[] body = new byte[4096];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            while (offset < size) {
                if (size - offset < RecordCodec.HEADER_SIZE
                        || in.readNBytes(header, 0, header.length) < header.length) {
                    torn(file, offset, "partial record header", progress);
                    return;
                }
                int length = readInt(header, 0);
                int crc = readInt(header, 4);
                if (length < 0 || length > RecordCodec.MAX_PAYLOAD || length + 1L > size - offset - header.length) {
                    torn(file, offset, "record length " + length + " runs past the end of the file", progress);
                    return;
                }
                if (body.length < length + 1) {
                    body = new byte[Math.max(length + 1, body.length * 2)];
                }
                if (in.readNBytes(body, 0, length + 1) < length + 1) {
                    torn(file, offset, "partial record", progress);
                    return;
                }
                if (!RecordCodec.crcMatches(crc, body, length + 1)) {
                    torn(file, offset, "CRC32C mismatch", progress);
                    return;
                }
                WalRecord record;
                try {
                    record = RecordCodec.read(body, length + 1);
                } catch (CorruptChunkException e) {
                    torn(file, offset, e.getMessage(), progress);
                    return;
                }
                long recordBytes = header.length + length + 1L;
                offset += recordBytes;
                progress.bytes += recordBytes;
                progress.records++;
                consumer.accept(record, progress.bytes);
            }
        }
    }

    private static void torn(Path file, long offset, String reason, Progress progress) {
        progress.corruptTails++;
        LOG.log(
                System.Logger.Level.WARNING,
                () -> "WAL file " + file.getFileName() + ": " + reason + " at offset " + offset
                        + "; ignoring the rest of this file (a write torn by a crash)");
    }

    private static int readInt(byte[] bytes, int position) {
        return ((bytes[position] & 0xFF) << 24)
                | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8)
                | (bytes[position + 3] & 0xFF);
    }

    /** Counters carried across the files of one replay. */
    private static final class Progress {
        long records;
        long bytes;
        int corruptTails;
    }
}
