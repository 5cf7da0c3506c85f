package io.skald.logql.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code | logfmt [--strict] [--keep-empty]}: every {@code key=value} pair becomes a label. By default malformed
 * pairs are skipped and empty values dropped; {@code --strict} stops at the first syntax error and sets
 * {@code __error__="LogfmtParserErr"}; {@code --keep-empty} keeps empty values (and bare keys) as empty labels.
 */
public final class LogfmtParser implements Stage {
    private final boolean strict;
    private final boolean keepEmpty;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public LogfmtParser(boolean strict, boolean keepEmpty) {
        this.strict = strict;
        this.keepEmpty = keepEmpty;
    }

    public boolean strict() {
        return strict;
    }

    public boolean keepEmpty() {
        return keepEmpty;
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        LogfmtDecoder decoder = new LogfmtDecoder(entry.line());
        while (!decoder.atEnd()) {
            if (!decoder.scanKeyval()) {
                if (strict) {
                    break;
                }
                continue;
            }
            String key = decoder.key();
            if (key == null) {
                continue;
            }
            String name = names.get(key);
            if (name == null) {
                name = ParsedNames.sanitize(key, true);
                if (names.size() < ParsedNames.CACHE_LIMIT) {
                    names.put(key, name);
                }
            }
            if (name.isEmpty()) {
                continue;
            }
            String value = decoder.value();
            if (value != null && value.indexOf('\uFFFD') >= 0) {
                value = null;
            }
            if (value == null && !keepEmpty) {
                continue;
            }
            labels.set(ParsedNames.extractedName(name, labels), value == null ? "" : value);
        }
        String error = decoder.error();
        if (strict && error != null) {
            labels.setError(ErrorLabels.LOGFMT_PARSER);
            labels.setErrorDetails(error);
        }
        return true;
    }
}
