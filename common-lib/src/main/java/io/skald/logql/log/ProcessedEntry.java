package io.skald.logql.log;

import java.nio.charset.StandardCharsets;

/** An entry that went through a pipeline: its final line (UTF-8) and labels. */
public record ProcessedEntry(long timestamp, byte[] line, LabelsResult labels) {
    /** The line as text. */
    public String lineString() {
        return new String(line, StandardCharsets.UTF_8);
    }
}
