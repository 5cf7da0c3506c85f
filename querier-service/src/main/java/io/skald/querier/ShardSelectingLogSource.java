package io.skald.querier;

import io.skald.index.Matcher;
import io.skald.logql.shard.StreamShard;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the query-frontend's sharded sub-queries: a selector carrying the pseudo matcher
 * {@code __stream_shard__="<index>_of_<count>"} reads without it, asking its source for the streams of that
 * {@link StreamShard} only.
 */
final class ShardSelectingLogSource implements LogSource {
    private final LogSource inner;

    ShardSelectingLogSource(LogSource inner) {
        this.inner = inner;
    }

    @Override
    public Selected select(Selection selection) {
        Matcher shardMatcher = null;
        List<Matcher> rest = new ArrayList<>(selection.matchers().size());
        for (Matcher m : selection.matchers()) {
            if (m.name().equals(StreamShard.LABEL) && m.type() == Matcher.Type.EQ) {
                shardMatcher = m;
            } else {
                rest.add(m);
            }
        }
        if (shardMatcher == null) {
            return inner.select(selection);
        }
        // The shard goes down to the sources: ingesters then send only its streams.
        return inner.select(selection.withMatchers(rest, parse(shardMatcher.value())));
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
