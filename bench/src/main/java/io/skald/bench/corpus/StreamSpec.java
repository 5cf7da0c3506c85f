package io.skald.bench.corpus;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/** One generated stream: its label set and the kind of lines it carries. */
public record StreamSpec(Labels labels, LogFormat format) {

    /**
     * {@code count} streams with kinds spread in proportion over the formats (logfmt, json, nginx, plain in turn),
     * each labelled {@code service_name}, {@code format}, {@code stream} plus {@code extra}.
     */
    public static List<StreamSpec> of(int count, Labels extra) {
        if (count <= 0) {
            throw new IllegalArgumentException("streams must be positive, got " + count);
        }
        LogFormat[] formats = LogFormat.values();
        List<StreamSpec> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LogFormat format = formats[i % formats.length];
            Labels.Builder builder = Labels.builder();
            extra.forEach(builder::set);
            builder.set("service_name", "loadgen-" + format.label());
            builder.set("format", format.label());
            builder.set("stream", Integer.toString(i));
            streams.add(new StreamSpec(builder.build(), format));
        }
        return List.copyOf(streams);
    }
}
