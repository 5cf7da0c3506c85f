package io.skald.querier;

import io.skald.chunk.ContentQuery;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import io.skald.logql.engine.ContentQueries;
import io.skald.logql.engine.EntryCursor;
import io.skald.logql.engine.EntrySource;
import io.skald.logql.engine.SelectRequest;
import io.skald.logql.engine.SourceStream;
import io.skald.logql.engine.StreamIterator;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The LogQL engine's {@link EntrySource} over the querier's {@link LogSource} (ingesters + store). */
final class EngineEntrySource implements EntrySource {
    private final LogSource source;

    EngineEntrySource(LogSource source) {
        this.source = source;
    }

    @Override
    public StreamIterator select(SelectRequest request) {
        // The engine applies limits and line filters itself; every entry of the range is read (lazily for chunks).
        List<io.skald.index.Matcher> matchers = Selectors.toIndex(request.matchers());
        // Stored blocks that the leading line filters rule out are skipped undecompressed (content filters).
        ContentQuery content = ContentQueries.of(request.lineFilters());
        List<StreamEntries> streams;
        if (!MultiTenant.isMulti(request.tenant())) {
            streams = source.select(
                    request.tenant(),
                    matchers,
                    request.fromNanos(),
                    request.throughNanos(),
                    request.direction(),
                    0,
                    content);
        } else {
            streams = new java.util.ArrayList<>();
            for (String tenant : MultiTenant.split(request.tenant())) {
                if (!MultiTenant.selected(tenant, matchers)) {
                    continue;
                }
                for (StreamEntries s : source.select(
                        tenant,
                        MultiTenant.withoutTenant(matchers),
                        request.fromNanos(),
                        request.throughNanos(),
                        request.direction(),
                        0,
                        content)) {
                    streams.add(new StreamEntries(MultiTenant.tagged(s.labels(), tenant), s.entries()));
                }
            }
        }
        Iterator<StreamEntries> it = streams.iterator();
        return new StreamIterator() {
            @Override
            public @Nullable SourceStream next() {
                return it.hasNext() ? new Stream(it.next()) : null;
            }

            @Override
            public void close() {}
        };
    }

    private record Stream(StreamEntries stream) implements SourceStream {
        @Override
        public Labels labels() {
            return stream.labels();
        }

        @Override
        public EntryCursor entries() {
            Iterator<LogEntry> entries = stream.entries();
            return new EntryCursor() {
                private long ts;
                private byte[] line = new byte[0];
                private Labels metadata = Labels.EMPTY;

                @Override
                public boolean next() {
                    if (!entries.hasNext()) {
                        return false;
                    }
                    LogEntry e = entries.next();
                    ts = e.timestampNanos();
                    line = e.line().getBytes(StandardCharsets.UTF_8);
                    metadata = e.metadata();
                    return true;
                }

                @Override
                public long timestampNanos() {
                    return ts;
                }

                @Override
                public byte[] line() {
                    return line;
                }

                @Override
                public Labels structuredMetadata() {
                    return metadata;
                }
            };
        }
    }
}
