package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one entry while it goes through a pipeline: timestamp, line and labels. The line is kept as
 * UTF-8 bytes; its String form is decoded at most once per change, for the stages that need characters.
 */
public final class PipelineEntry {
    private final LabelsBuilder labels;
    private long timestamp;
    private byte[] line = new byte[0];
    private @Nullable String lineString;

    /** An entry state whose labels start from the builder's stream labels. */
    public PipelineEntry(LabelsBuilder labels) {
        this.labels = labels;
    }

    /** Starts a new entry: resets the labels and sets timestamp and line. */
    public void reset(long timestampNanos, byte[] newLine) {
        labels.reset();
        this.timestamp = timestampNanos;
        this.line = newLine;
        this.lineString = null;
    }

    /** Starts a new entry given its line as text. */
    public void reset(long timestampNanos, String newLine) {
        labels.reset();
        this.timestamp = timestampNanos;
        this.line = newLine.getBytes(StandardCharsets.UTF_8);
        this.lineString = newLine;
    }

    /** Unix time of the entry in nanoseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The current line as UTF-8 bytes; callers must not modify the array. */
    public byte[] line() {
        return line;
    }

    /** The current line as text. */
    public String lineString() {
        String s = lineString;
        if (s == null) {
            s = new String(line, StandardCharsets.UTF_8);
            lineString = s;
        }
        return s;
    }

    /** Replaces the line (the array is kept, not copied). */
    public void setLine(byte[] newLine) {
        this.line = newLine;
        this.lineString = null;
    }

    public void setLine(String newLine) {
        this.line = newLine.getBytes(StandardCharsets.UTF_8);
        this.lineString = newLine;
    }

    public LabelsBuilder labels() {
        return labels;
    }
}
