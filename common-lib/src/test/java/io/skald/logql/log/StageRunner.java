package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs stages over one entry, for tests. */
final class StageRunner {
    static final long TS = 1_767_607_510_520_000_000L;

    private StageRunner() {}

    static @Nullable ProcessedEntry run(Labels stream, String line, Stage... stages) {
        return new Pipeline(List.of(stages)).forStream(stream).process(TS, line);
    }

    static @Nullable ProcessedEntry run(String line, Stage... stages) {
        return run(Labels.of("app", "test"), line, stages);
    }

    /** The labels after the stages, or null when the entry was dropped. */
    static @Nullable Labels labels(String line, Stage... stages) {
        ProcessedEntry entry = run(line, stages);
        return entry == null ? null : entry.labels().labels();
    }
}
