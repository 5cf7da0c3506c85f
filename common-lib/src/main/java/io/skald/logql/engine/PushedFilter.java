package io.skald.logql.engine;

import io.skald.chunk.ContentQuery;
import io.skald.labels.Labels;
import io.skald.logql.log.LineFilter;
import io.skald.logql.log.Pipeline;
import io.skald.logql.log.Stage;
import io.skald.logql.log.StreamPipeline;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.LogqlPrinter;
import io.skald.logql.syntax.PipelineStage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SelectRequest}'s filter stages as a remote source (an ingester) receives them: LogQL pipeline text, built
 * back into a per-stream entry filter and the {@link ContentQuery} of its leading line filters. The source leaves out
 * the entries the stages drop; the engine runs its whole pipeline again on what comes back.
 */
public final class PushedFilter {
    /** Keeps every entry. */
    public static final PushedFilter NONE = new PushedFilter(List.of());

    /** A selector the pipeline text is parsed behind; its matcher is never used. */
    private static final String SELECTOR = "{__pushed__=\"x\"} ";

    private final List<PipelineStage> stages;
    private final ContentQuery content;
    private final LineFilter @Nullable [] lineFilters;
    private final Pipeline pipeline;

    private PushedFilter(List<PipelineStage> stages) {
        this.stages = List.copyOf(stages);
        this.content = ContentQueries.of(PipelineFactory.leadingLineFilters(stages));
        List<Stage> runtime = PipelineFactory.stages(stages);
        List<LineFilter> filters = new ArrayList<>(runtime.size());
        for (Stage stage : runtime) {
            if (stage instanceof LineFilter filter) {
                filters.add(filter);
            }
        }
        // Line filters alone are tested on the raw bytes; anything else runs as a pipeline.
        this.lineFilters = filters.size() == runtime.size() ? filters.toArray(new LineFilter[0]) : null;
        this.pipeline = new Pipeline(runtime);
    }

    /** The filter of {@code stages}. */
    public static PushedFilter of(List<PipelineStage> stages) {
        return stages.isEmpty() ? NONE : new PushedFilter(stages);
    }

    /**
     * The filter of pipeline text made by {@link #text()}.
     *
     * @throws io.skald.logql.syntax.LogqlParseException when the text is not a LogQL pipeline
     */
    public static PushedFilter parse(String text) {
        if (text.isBlank()) {
            return NONE;
        }
        return of(LogqlParser.parseLogSelector(SELECTOR + text).stages());
    }

    /** The stages as LogQL text, e.g. {@code |= "a" | json | level="error"}; empty for {@link #NONE}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (PipelineStage stage : stages) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(LogqlPrinter.print(stage));
        }
        return out.toString();
    }

    /** Whether every entry passes. */
    public boolean keepsAll() {
        return stages.isEmpty();
    }

    /** The needles of the leading line filters, to skip blocks by their content filter. */
    public ContentQuery content() {
        return content;
    }

    /** The filter for one stream's entries. */
    public StreamFilter forStream(Labels streamLabels) {
        if (stages.isEmpty()) {
            return (ts, line, metadata) -> true;
        }
        LineFilter @Nullable [] filters = lineFilters;
        if (filters != null) {
            return (ts, line, metadata) -> {
                for (LineFilter filter : filters) {
                    if (!filter.test(line)) {
                        return false;
                    }
                }
                return true;
            };
        }
        StreamPipeline stream = pipeline.forStream(streamLabels);
        return (ts, line, metadata) -> stream.process(ts, line, metadata) != null;
    }

    /** Decides for one stream's entries whether the pipeline keeps them. */
    @FunctionalInterface
    public interface StreamFilter {
        boolean keeps(long timestampNanos, byte[] line, Labels structuredMetadata);
    }
}
