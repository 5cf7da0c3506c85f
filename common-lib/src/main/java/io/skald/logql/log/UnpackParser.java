package io.skald.logql.log;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code | unpack}: for a line packed by Promtail's {@code pack} stage ({@code {"_entry":"line", "k":"v"}}), the
 * {@code _entry} value replaces the line and the other string members become labels (names unsanitised, as in Loki).
 * An object without {@code _entry} is left alone; a non-object gets {@code __error__="JSONParserErr"}.
 */
public final class UnpackParser implements Stage {
    /** The member holding the original line. */
    public static final String PACKED_ENTRY_KEY = "_entry";

    @Override
    public boolean process(PipelineEntry entry) {
        byte[] line = entry.line();
        if (line.length == 0) {
            return true;
        }
        LabelsBuilder labels = entry.labels();
        if (line[0] != '{') {
            labels.setError(ErrorLabels.JSON_PARSER);
            labels.setErrorDetails("expecting json object(6), but it is not");
            return true;
        }
        List<String> pairs = new ArrayList<>();
        String[] packed = new String[1];
        String error = JsonScanner.objectEach(line, 0, line.length, (key, data, start, end, type) -> {
            if (type != JsonScanner.ValueType.STRING) {
                return null;
            }
            if (key.equals(PACKED_ENTRY_KEY)) {
                String unescaped = JsonScanner.unescape(data, start, end);
                if (unescaped == null) {
                    return JsonScanner.MALFORMED_STRING_ESCAPE;
                }
                packed[0] = unescaped;
                return null;
            }
            pairs.add(ParsedNames.extractedName(key, labels));
            pairs.add(JsonScanner.labelValue(data, start, end));
            return null;
        });
        if (error != null) {
            labels.setError(ErrorLabels.JSON_PARSER);
            labels.setErrorDetails(error);
            return true;
        }
        if (packed[0] != null) {
            for (int i = 0; i < pairs.size(); i += 2) {
                labels.set(pairs.get(i), pairs.get(i + 1));
            }
            entry.setLine(packed[0]);
        }
        return true;
    }
}
