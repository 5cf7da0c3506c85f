package io.skald.logql.log;

import java.util.List;

/**
 * {@code | pattern "<ip> - <_> ..."}: the named captures become labels; a line that stops matching part-way still gets
 * the captures matched so far (the last one taking the rest of the line), exactly like Loki.
 */
public final class PatternParser implements Stage {
    private final LinePattern pattern;

    public PatternParser(String pattern) {
        this.pattern = LinePattern.parseForParser(pattern);
    }

    public String pattern() {
        return pattern.source();
    }

    @Override
    public boolean process(PipelineEntry entry) {
        List<String> captures = pattern.matches(entry.line());
        List<String> names = pattern.names();
        LabelsBuilder labels = entry.labels();
        for (int i = 0; i < captures.size(); i++) {
            labels.set(ParsedNames.extractedName(names.get(i), labels), captures.get(i));
        }
        return true;
    }
}
