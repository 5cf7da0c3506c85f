package io.skald.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names in a WAL directory, as Prometheus and Loki lay them out: segments {@code 00000001, 00000002, ...} and
 * {@code checkpoint.00000007}, which holds the state as of the end of segment 7.
 */
final class WalFiles {
    private static final Pattern SEGMENT = Pattern.compile("\\d{8,}");
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint\\.(\\d{8,})");
    static final String TEMPORARY_SUFFIX = ".tmp";

    private WalFiles() {}

    static String segmentName(long index) {
        return String.format(Locale.ROOT, "%08d", index);
    }

    static String checkpointName(long index) {
        return "checkpoint." + segmentName(index);
    }

    /** Segment indexes in ascending order. */
    static List<Long> segments(Path directory) throws IOException {
        return matching(directory, SEGMENT, false);
    }

    /** Checkpoint indexes in ascending order (temporary files excluded). */
    static List<Long> checkpoints(Path directory) throws IOException {
        return matching(directory, CHECKPOINT, true);
    }

    static List<Path> temporaryFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(TEMPORARY_SUFFIX))
                    .toList();
        }
    }

    /** Makes created, renamed or deleted entries durable (Linux honours fsync on a directory). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the data files themselves are already synced.
            if (Files.isDirectory(directory)
                    && System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    private static List<Long> matching(Path directory, Pattern pattern, boolean grouped) throws IOException {
        List<Long> indexes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Matcher matcher = pattern.matcher(path.getFileName().toString());
                if (matcher.matches()) {
                    indexes.add(Long.parseLong(grouped ? matcher.group(1) : matcher.group()));
                }
            }
        }
        indexes.sort(null);
        return indexes;
    }
}
