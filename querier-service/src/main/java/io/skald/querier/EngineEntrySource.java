package io.skald.querier;

import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import io.skald.logql.engine.EntryCursor;
import io.skald.logql.engine.EntrySource;
import io.skald.logql.engine.PushedFilter;
import io.skald.logql.engine.SelectRequest;
import io.skald.logql.engine.SourceStream;
import io.skald.logql.engine.StreamIterator;
import io.skald.logql.syntax.PipelineStage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        List<io.skald.index.Matcher> matchers = Selectors.toIndex(request.matchers());
        List<LogSource.Selected> opened = new ArrayList<>();
        List<StreamEntries> streams = new ArrayList<>();
        try {
            if (!MultiTenant.isMulti(request.tenant())) {
                LogSource.Selected selected = source.select(new LogSource.Selection(
                        request.tenant(),
                        matchers,
                        request.fromNanos(),
                        request.throughNanos(),
                        request.direction(),
                        PushedFilter.of(request.filterStages()),
                        request.limit(),
                        request.streamByStream(),
                        null));
                opened.add(selected);
                streams.addAll(selected.streams());
            } else {
                // The engine's stream labels carry __tenant_id__, which no source has: only the line filters (which
                // do not look at labels) go down, and no limit.
                PushedFilter lineFilters = PushedFilter.of(new ArrayList<PipelineStage>(request.lineFilters()));
                for (String tenant : MultiTenant.split(request.tenant())) {
                    if (!MultiTenant.selected(tenant, matchers)) {
                        continue;
                    }
                    LogSource.Selected selected = source.select(new LogSource.Selection(
                            tenant,
                            MultiTenant.withoutTenant(matchers),
                            request.fromNanos(),
                            request.throughNanos(),
                            request.direction(),
                            lineFilters,
                            0,
                            request.streamByStream(),
                            null));
                    opened.add(selected);
                    for (StreamEntries s : selected.streams()) {
                        streams.add(new StreamEntries(MultiTenant.tagged(s.labels(), tenant), s.entries()));
                    }
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(LogSource.Selected::close);
            throw e;
        }
        Iterator<StreamEntries> it = streams.iterator();
        return new StreamIterator() {
            @Override
            public @Nullable SourceStream next() {
                return it.hasNext() ? new Stream(it.next()) : null;
            }

            @Override
            public void close() {
                opened.forEach(LogSource.Selected::close);
            }
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
