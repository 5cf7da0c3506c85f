package io.skald.querier;

import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import java.util.List;

/**
 * The data-source SPI a LogQL evaluation reads: the raw entries of every stream matching the selector's matchers in
 * {@code [from, through)}, each stream ordered in {@code direction}, replicas deduplicated. Streams are read lazily.
 * {@code limit} is a hint (0 = every entry, as metric queries need): each stream may stop after that many entries.
 */
public interface LogSource {
    List<StreamEntries> select(
            String tenant, List<Matcher> matchers, long fromNanos, long throughNanos, Direction direction, int limit);

    /**
     * Like {@link #select(String, List, long, long, Direction, int)}, where entries whose lines cannot meet {@code
     * content} (the query's leading line filters) may be left out, e.g. stored blocks ruled out by their content
     * filter; the caller still applies its line filters.
     */
    default List<StreamEntries> select(
            String tenant,
            List<Matcher> matchers,
            long fromNanos,
            long throughNanos,
            Direction direction,
            int limit,
            ContentQuery content) {
        return select(tenant, matchers, fromNanos, throughNanos, direction, limit);
    }
}
