package io.skald.ingester;

import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import java.util.ArrayList;
import java.util.List;

/** Keeps the first {@code limit} entries across streams in the query direction, as Loki's per-request limit. */
final class QueryLimit {
    private QueryLimit() {}

    static List<Ingester.StreamEntries> apply(List<Ingester.StreamEntries> streams, Direction direction, int limit) {
        int total = 0;
        for (Ingester.StreamEntries stream : streams) {
            total += stream.entries().size();
        }
        if (total <= limit) {
            return streams;
        }
        // A k-way merge over the already ordered streams, counting how many entries each contributes.
        int[] positions = new int[streams.size()];
        for (int taken = 0; taken < limit; taken++) {
            int best = -1;
            for (int i = 0; i < streams.size(); i++) {
                List<LogEntry> entries = streams.get(i).entries();
                if (positions[i] >= entries.size()) {
                    continue;
                }
                if (best < 0
                        || before(
                                entries.get(positions[i]),
                                streams.get(best).entries().get(positions[best]),
                                direction)) {
                    best = i;
                }
            }
            positions[best]++;
        }
        List<Ingester.StreamEntries> kept = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            if (positions[i] > 0) {
                Ingester.StreamEntries stream = streams.get(i);
                kept.add(new Ingester.StreamEntries(
                        stream.labelsText(),
                        stream.fingerprint(),
                        List.copyOf(stream.entries().subList(0, positions[i]))));
            }
        }
        return kept;
    }

    private static boolean before(LogEntry left, LogEntry right, Direction direction) {
        return direction == Direction.FORWARD
                ? left.timestampNanos() < right.timestampNanos()
                : left.timestampNanos() > right.timestampNanos();
    }
}
