package io.skald.logql.log;

import java.nio.charset.StandardCharsets;

/** An entry that went through a pipeline: its timestamp, final line (UTF-8) and labels. */
public final class ProcessedEntry {
    private final long timestamp;
    private final byte[] line;
    private final LabelsResult labels;

    public ProcessedEntry(long timestamp, byte[] line, LabelsResult labels) {
        this.timestamp = timestamp;
        this.line = line;
        this.labels = labels;
    }

    /** Unix time in nanoseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The final line as UTF-8; callers must not modify the array. */
    public byte[] line() {
        return line;
    }

    /** The line as text. */
    public String lineString() {
        return new String(line, StandardCharsets.UTF_8);
    }

    public LabelsResult labels() {
        return labels;
    }
}
