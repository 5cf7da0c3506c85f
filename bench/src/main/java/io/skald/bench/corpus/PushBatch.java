package io.skald.bench.corpus;

import io.skald.labels.Labels;
import java.util.List;

/** The entries of one push request, grouped by stream. */
public record PushBatch(List<StreamEntries> streams) {
    public PushBatch {
        streams = List.copyOf(streams);
    }

    /** Number of entries over all streams. */
    public int lines() {
        int lines = 0;
        for (StreamEntries stream : streams) {
            lines += stream.lines().size();
        }
        return lines;
    }

    /** Raw line bytes (UTF-8) over all streams: what Loki counts as ingested bytes, labels excluded. */
    public long lineBytes() {
        long bytes = 0;
        for (StreamEntries stream : streams) {
            for (String line : stream.lines()) {
                bytes += Utf8Length.of(line);
            }
        }
        return bytes;
    }

    /** One stream's entries: its labels, and timestamps (Unix nanoseconds) matching lines by index. */
    public record StreamEntries(Labels labels, List<Long> timestamps, List<String> lines) {
        public StreamEntries {
            timestamps = List.copyOf(timestamps);
            lines = List.copyOf(lines);
            if (timestamps.size() != lines.size()) {
                throw new IllegalArgumentException("timestamps and lines differ in count");
            }
        }
    }
}
