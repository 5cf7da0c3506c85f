package io.skald.querier;

import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the query-frontend's sharded sub-queries: a selector carrying the pseudo matcher
 * {@code __stream_shard__="<index>_of_<count>"} reads without it and keeps only the streams of that shard, those whose
 * 64-bit label hash ({@link io.skald.labels.Labels#hash()}) read as unsigned falls in {@code [index * 2^64 / count,
 * (index + 1) * 2^64 / count)}. This is the frontend's {@code StreamShard} contract; the two must agree.
 */
final class ShardSelectingLogSource implements LogSource {
    /** The pseudo label naming a shard. */
    static final String SHARD_LABEL = "__stream_shard__";

    private final LogSource inner;

    ShardSelectingLogSource(LogSource inner) {
        this.inner = inner;
    }

    @Override
    public List<StreamEntries> select(
            String tenant, List<Matcher> matchers, long fromNanos, long throughNanos, Direction direction, int limit) {
        Matcher shardMatcher = null;
        List<Matcher> rest = new ArrayList<>(matchers.size());
        for (Matcher m : matchers) {
            if (m.name().equals(SHARD_LABEL) && m.type() == Matcher.Type.EQ) {
                shardMatcher = m;
            } else {
                rest.add(m);
            }
        }
        if (shardMatcher == null) {
            return inner.select(tenant, matchers, fromNanos, throughNanos, direction, limit);
        }
        long[] shard = parse(shardMatcher.value());
        List<StreamEntries> out = new ArrayList<>();
        for (StreamEntries stream : inner.select(tenant, rest, fromNanos, throughNanos, direction, limit)) {
            if (Math.unsignedMultiplyHigh(stream.labels().hash(), shard[1]) == shard[0]) {
                out.add(stream);
            }
        }
        return out;
    }

    /** {@code i_of_n} as {@code {i, n}}. */
    static long[] parse(String value) {
        int of = value.indexOf("_of_");
        try {
            if (of > 0) {
                long index = Long.parseLong(value.substring(0, of));
                long count = Long.parseLong(value.substring(of + "_of_".length()));
                if (count >= 1 && index >= 0 && index < count) {
                    return new long[] {index, count};
                }
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new LokiHttpException(400, "invalid " + SHARD_LABEL + " value: " + value);
    }
}
