package io.skald.querier;

import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import io.skald.logql.engine.PushedFilter;
import io.skald.logql.shard.StreamShard;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The data-source SPI a LogQL evaluation reads: the raw entries of every stream matching the selector's matchers in
 * {@code [from, through)}, each stream ordered in {@code direction}, replicas deduplicated. Streams are read lazily;
 * closing the answer releases what is still open (ingester calls).
 */
public interface LogSource {
    /** Selects the streams and entries of {@code selection}. */
    Selected select(Selection selection);

    /**
     * What to read. {@code filter}, {@code limit} and {@code streamByStream} are the engine's hints (see {@link
     * io.skald.logql.engine.SelectRequest}): entries the filter drops may be left out; with a positive limit, only
     * the first {@code limit} entries passing the filter over all streams are needed; {@code streamByStream} says the
     * reader finishes each stream, in the order given, before the next. {@code shard}, when set, keeps only its
     * streams.
     */
    record Selection(
            String tenant,
            List<Matcher> matchers,
            long fromNanos,
            long throughNanos,
            Direction direction,
            PushedFilter filter,
            int limit,
            boolean streamByStream,
            @Nullable StreamShard shard) {
        public Selection {
            matchers = List.copyOf(matchers);
        }

        public Selection withMatchers(List<Matcher> other, @Nullable StreamShard newShard) {
            return new Selection(
                    tenant, other, fromNanos, throughNanos, direction, filter, limit, streamByStream, newShard);
        }
    }

    /** The selected streams, in label order; {@link #close()} cancels what is still being read. */
    record Selected(List<StreamEntries> streams, AutoCloseable resources) implements AutoCloseable {
        public Selected {
            streams = List.copyOf(streams);
        }

        public static Selected of(List<StreamEntries> streams) {
            return new Selected(streams, () -> {});
        }

        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }
}
