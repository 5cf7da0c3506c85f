package io.skald.querier;

import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import io.skald.logql.shard.StreamShard;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the query-frontend's sharded sub-queries: a selector carrying the pseudo matcher
 * {@code __stream_shard__="<index>_of_<count>"} reads without it and keeps only the streams of that
 * {@link StreamShard}.
 */
final class ShardSelectingLogSource implements LogSource {
    private final LogSource inner;

    ShardSelectingLogSource(LogSource inner) {
        this.inner = inner;
    }

    @Override
    public List<StreamEntries> select(
            String tenant, List<Matcher> matchers, long fromNanos, long throughNanos, Direction direction, int limit) {
        return select(tenant, matchers, fromNanos, throughNanos, direction, limit, ContentQuery.ANY);
    }

    @Override
    public List<StreamEntries> select(
            String tenant,
            List<Matcher> matchers,
            long fromNanos,
            long throughNanos,
            Direction direction,
            int limit,
            ContentQuery content) {
        Matcher shardMatcher = null;
        List<Matcher> rest = new ArrayList<>(matchers.size());
        for (Matcher m : matchers) {
            if (m.name().equals(StreamShard.LABEL) && m.type() == Matcher.Type.EQ) {
                shardMatcher = m;
            } else {
                rest.add(m);
            }
        }
        if (shardMatcher == null) {
            return inner.select(tenant, matchers, fromNanos, throughNanos, direction, limit, content);
        }
        StreamShard shard = parse(shardMatcher.value());
        List<StreamEntries> out = new ArrayList<>();
        for (StreamEntries stream : inner.select(tenant, rest, fromNanos, throughNanos, direction, limit, content)) {
            if (shard.contains(stream.labels())) {
                out.add(stream);
            }
        }
        return out;
    }

    /** {@code i_of_n}; a bad value is the client's error. */
    static StreamShard parse(String value) {
        try {
            return StreamShard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new LokiHttpException(400, "invalid " + StreamShard.LABEL + " value: " + value);
        }
    }
}
