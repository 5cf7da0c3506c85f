package io.skald.logql.log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code | logfmt a, b="key"}: extracts only the named keys, renaming {@code b="key"}; every requested label exists
 * afterwards (empty when the key is missing), as in Loki.
 */
public final class LogfmtExpressionParser implements Stage {
    private final Map<String, String> keyByLabel;
    private final boolean strict;
    private final boolean keepEmpty;

    /** Label name to logfmt key ({@code a} alone is {@code a="a"}), in query order. */
    public LogfmtExpressionParser(Map<String, String> keyByLabel, boolean strict, boolean keepEmpty) {
        if (keyByLabel.isEmpty()) {
            throw new IllegalArgumentException("no logfmt expression provided");
        }
        for (String label : keyByLabel.keySet()) {
            if (!ParsedNames.isValidLabelName(label)) {
                throw new IllegalArgumentException("invalid extracted label name '" + label + "'");
            }
        }
        this.keyByLabel = new LinkedHashMap<>(keyByLabel);
        this.strict = strict;
        this.keepEmpty = keepEmpty;
    }

    public boolean strict() {
        return strict;
    }

    /** Accepted for symmetry with {@code logfmt --keep-empty}; requested labels always exist, empty or not. */
    public boolean keepEmpty() {
        return keepEmpty;
    }

    public Map<String, String> keyByLabel() {
        return Map.copyOf(keyByLabel);
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        for (String label : keyByLabel.keySet()) {
            if (!labels.baseHas(label)) {
                labels.set(label, "");
            }
        }
        LogfmtDecoder decoder = new LogfmtDecoder(entry.line());
        while (!decoder.atEnd()) {
            if (!decoder.scanKeyval()) {
                if (strict) {
                    break;
                }
                continue;
            }
            String rawKey = decoder.key();
            if (rawKey == null) {
                continue;
            }
            String key = ParsedNames.sanitize(rawKey, true);
            if (key.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> e : keyByLabel.entrySet()) {
                if (e.getValue().equals(key)) {
                    key = e.getKey();
                    break;
                }
            }
            if (!keyByLabel.containsKey(key)) {
                continue;
            }
            String value = decoder.value();
            if (value != null && value.indexOf('\uFFFD') >= 0) {
                value = null;
            }
            labels.set(ParsedNames.extractedName(key, labels), value == null ? "" : value);
        }
        String error = decoder.error();
        if (strict && error != null) {
            labels.setError(ErrorLabels.LOGFMT_PARSER);
            labels.setErrorDetails(error);
        }
        return true;
    }
}
