package io.skald.push;

import io.skald.labels.Labels;
import java.util.List;

/**
 * A stream that passed validation with the entries that were kept: its parsed labels, their canonical text (what the
 * ring token and the ingester key on), the ring token and the kept entries' total bytes (line + structured metadata).
 */
public record ValidatedStream(Labels labels, int token, List<PushEntry> entries, long bytes) {
    public ValidatedStream {
        entries = List.copyOf(entries);
    }

    /** The canonical label text, {@code {a="1", b="2"}}. */
    public String labelText() {
        return labels.toString();
    }
}
