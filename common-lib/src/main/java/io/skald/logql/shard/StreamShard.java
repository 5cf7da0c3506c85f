package io.skald.logql.shard;

import io.skald.labels.Labels;
import io.skald.logql.syntax.LabelMatcher;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shard {@code index} of {@code count}: the streams whose 64-bit label hash ({@link Labels#hash()}, FNV-1a over the
 * canonical label text), read as unsigned, falls in {@code [index * 2^64 / count, (index + 1) * 2^64 / count)}. Every
 * stream is in exactly one shard of a given count.
 *
 * <p>The contract with whatever evaluates a sharded query: the stream selector carries the pseudo matcher
 * {@code __stream_shard__="<index>_of_<count>"}; the evaluator must remove it and keep only the streams
 * {@link #contains(Labels)} accepts, computed over the stream's own labels (before any pipeline stage).
 * The query-frontend's {@code ShardFilteringEntrySource} and the querier's {@code ShardSelectingLogSource} do that.
 */
public record StreamShard(int index, int count) {
    /** The pseudo label name of the shard matcher. */
    public static final String LABEL = "__stream_shard__";

    public StreamShard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("invalid shard " + index + " of " + count);
        }
    }

    /** Whether a stream with these labels belongs to this shard. */
    public boolean contains(Labels streamLabels) {
        return Math.unsignedMultiplyHigh(streamLabels.hash(), count) == index;
    }

    /** The matcher value, e.g. {@code 3_of_16}. */
    public String value() {
        return index + "_of_" + count;
    }

    public LabelMatcher matcher() {
        return new LabelMatcher(LABEL, LabelMatcher.Type.EQUAL, value());
    }

    /** Parses {@code i_of_n}. */
    public static StreamShard parse(String value) {
        int of = value.indexOf("_of_");
        if (of <= 0) {
            throw new IllegalArgumentException("invalid " + LABEL + " value: " + value);
        }
        try {
            return new StreamShard(
                    Integer.parseInt(value.substring(0, of)), Integer.parseInt(value.substring(of + "_of_".length())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + LABEL + " value: " + value, e);
        }
    }

    /** The shard named by a selector's matchers, or null when it has no shard matcher. */
    public static @Nullable StreamShard from(List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (m.name().equals(LABEL) && m.type() == LabelMatcher.Type.EQUAL) {
                return parse(m.value());
            }
        }
        return null;
    }
}
