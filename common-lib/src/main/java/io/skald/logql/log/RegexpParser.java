package io.skald.logql.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code | regexp "(?P<name>re)"}: on a match, each named group becomes a label (an unmatched optional group gives an
 * empty value); a line that does not match keeps its labels and is not dropped.
 */
public final class RegexpParser implements Stage {
    private final GoRegex regex;
    private final List<String> groupNames;

    /** Compiles the expression; it needs at least one named group, with valid and unique names. */
    public RegexpParser(String regex) {
        this.regex = GoRegex.compile(regex);
        List<String> names = this.regex.groupNames();
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            if (name.isEmpty()) {
                continue;
            }
            if (!ParsedNames.isValidLabelName(name)) {
                throw new IllegalArgumentException("invalid extracted label name '" + name + "'");
            }
            if (seen.contains(name)) {
                throw new IllegalArgumentException("duplicate extracted label name '" + name + "'");
            }
            seen.add(name);
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("at least one named capture must be supplied");
        }
        this.groupNames = names;
    }

    public String regex() {
        return regex.source();
    }

    @Override
    public boolean process(PipelineEntry entry) {
        Matcher matcher = regex.pattern().matcher(entry.lineString());
        if (!matcher.find()) {
            return true;
        }
        LabelsBuilder labels = entry.labels();
        for (int group = 1; group < groupNames.size(); group++) {
            String name = groupNames.get(group);
            if (name.isEmpty()) {
                continue;
            }
            String value = matcher.group(group);
            labels.set(ParsedNames.extractedName(name, labels), value == null ? "" : value);
        }
        return true;
    }
}
