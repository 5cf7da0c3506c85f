package io.skald.push;

import java.util.List;

/** A decoded push body: Loki's {@code logproto.PushRequest}, whatever wire format it came in. */
public record PushRequest(List<PushStream> streams) {
    public PushRequest {
        streams = List.copyOf(streams);
    }

    /** Number of entries over all streams. */
    public int entryCount() {
        int n = 0;
        for (PushStream stream : streams) {
            n += stream.entries().size();
        }
        return n;
    }
}
