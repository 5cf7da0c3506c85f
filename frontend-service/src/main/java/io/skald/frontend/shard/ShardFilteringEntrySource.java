package io.skald.frontend.shard;

import io.skald.logql.engine.EntrySource;
import io.skald.logql.engine.SelectRequest;
import io.skald.logql.engine.SourceStream;
import io.skald.logql.engine.StreamIterator;
import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Applies the {@code __stream_shard__} matcher around an engine entry source: removes it from the request and keeps
 * only the selected streams of that shard. A querier wraps its source in this to serve sharded sub-queries.
 */
public final class ShardFilteringEntrySource implements EntrySource {
    private final EntrySource inner;

    public ShardFilteringEntrySource(EntrySource inner) {
        this.inner = inner;
    }

    @Override
    public StreamIterator select(SelectRequest request) {
        StreamShard shard = StreamShard.from(request.matchers());
        if (shard == null) {
            return inner.select(request);
        }
        List<LabelMatcher> rest = new ArrayList<>(request.matchers().size());
        for (LabelMatcher m : request.matchers()) {
            if (!m.name().equals(StreamShard.LABEL)) {
                rest.add(m);
            }
        }
        // No limit for the inner source: it would count the entries of every shard's streams.
        SelectRequest all = request.withMatchers(rest);
        StreamIterator streams = inner.select(new SelectRequest(
                all.tenant(),
                all.matchers(),
                all.fromNanos(),
                all.throughNanos(),
                all.direction(),
                all.lineFilters(),
                all.filterStages(),
                0,
                all.streamByStream()));
        return new StreamIterator() {
            @Override
            public @Nullable SourceStream next() {
                for (SourceStream s = streams.next(); s != null; s = streams.next()) {
                    if (shard.contains(s.labels())) {
                        return s;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                streams.close();
            }
        };
    }
}
