package io.skald.push;

import io.skald.labels.Labels;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Loki's log level discovery ({@code discover_log_levels}): the level an entry gets as {@code detected_level}
 * structured metadata, taken from a level label, level metadata, the OTLP severity number, a {@code level} field of a
 * JSON or logfmt line, or failing that keywords in the line ({@code unknown} when nothing matches).
 */
public final class LevelDetector {
    /** The structured metadata name Loki stores the level under. */
    public static final String DETECTED_LEVEL = "detected_level";

    private static final List<String> LEVEL_FIELDS =
            List.of("level", "LEVEL", "Level", "severity", "SEVERITY", "Severity", "lvl", "LVL", "Lvl");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private LevelDetector() {}

    /** The level for an entry of a stream with {@code labels}. */
    public static String detect(Labels labels, List<MetadataPair> metadata, String line) {
        for (String field : LEVEL_FIELDS) {
            String value = labels.get(field);
            if (value != null) {
                return value;
            }
        }
        for (String field : LEVEL_FIELDS) {
            for (MetadataPair pair : metadata) {
                if (pair.name().equals(field)) {
                    return pair.value();
                }
            }
        }
        for (MetadataPair pair : metadata) {
            if (pair.name().equals("severity_number") && !pair.value().isEmpty()) {
                return fromSeverityNumber(pair.value());
            }
        }
        return fromLine(line);
    }

    /** OTLP severity number ranges: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
    static String fromSeverityNumber(String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return "info";
        }
        if (number == 0) {
            return "unknown";
        }
        String[] levels = {"trace", "debug", "info", "warn", "error", "fatal"};
        int index = (number - 1) / 4;
        return number < 0 || index >= levels.length ? "unknown" : levels[index];
    }

    static String fromLine(String line) {
        String value;
        if (isJson(line)) {
            value = jsonLevel(line);
        } else if (line.indexOf('=') >= 0) {
            value = logfmtLevel(line);
        } else {
            return fromKeywords(line);
        }
        if (value == null) {
            return fromKeywords(line);
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "trace", "trc" -> "trace";
            case "debug", "dbg" -> "debug";
            case "info", "inf" -> "info";
            case "warn", "wrn", "warning" -> "warn";
            case "error", "err" -> "error";
            case "critical" -> "critical";
            case "fatal" -> "fatal";
            default -> fromKeywords(line);
        };
    }

    /** Loki's last resort, in its order: info, error, warn, critical, debug. */
    static String fromKeywords(String line) {
        if (line.contains("info") || line.contains("INFO")) {
            return "info";
        }
        if (line.contains("err:") || line.contains("ERR:") || line.contains("error") || line.contains("ERROR")) {
            return "error";
        }
        if (line.contains("warn:") || line.contains("WARN:") || line.contains("warning") || line.contains("WARNING")) {
            return "warn";
        }
        if (line.contains("CRITICAL:") || line.contains("critical:")) {
            return "critical";
        }
        if (line.contains("debug:") || line.contains("DEBUG:")) {
            return "debug";
        }
        return "unknown";
    }

    /** Whether the line, without surrounding whitespace, starts with '{' and ends with '}'; allocates nothing. */
    private static boolean isJson(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return end - start >= 2 && line.charAt(start) == '{' && line.charAt(end - 1) == '}';
    }

    /** The first level field at the top level of a JSON object line, in {@link #LEVEL_FIELDS} order. */
    static @Nullable String jsonLevel(String line) {
        String[] found = new String[LEVEL_FIELDS.size()];
        return switch (JsonLevelScan.scan(line, found)) {
            case FOUND -> first(found);
            case NOT_AN_OBJECT -> null;
            case UNSURE -> jsonLevelParsed(line);
        };
    }

    private static @Nullable String first(@Nullable String[] found) {
        for (String value : found) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The level field index of {@code line[start, end)}, or -1; allocates nothing. */
    static int levelFieldIndex(String line, int start, int end) {
        int length = end - start;
        if (length != 3 && length != 5 && length != 8) {
            return -1;
        }
        for (int i = 0; i < LEVEL_FIELDS.size(); i++) {
            String field = LEVEL_FIELDS.get(i);
            if (field.length() == length && line.regionMatches(start, field, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #jsonLevel} with a full JSON parser, for the lines the quick scan is unsure about. */
    static @Nullable String jsonLevelParsed(String line) {
        String[] found = new String[LEVEL_FIELDS.size()];
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                int index = LEVEL_FIELDS.indexOf(name);
                if (index >= 0 && value != null && value.isScalarValue()) {
                    found[index] = p.getString();
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            // malformed JSON: keep whatever was found before the error
        }
        return first(found);
    }

    /** The value of the first level key of a logfmt line; only a level key's value is materialised. */
    private static @Nullable String logfmtLevel(String line) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) > ' ' && line.charAt(i) != '=' && line.charAt(i) != '"') {
                i++;
            }
            int keyEnd = i;
            boolean hasValue = false;
            boolean levelKey = false;
            String value = null;
            if (i < n && line.charAt(i) == '=') {
                hasValue = true;
                levelKey = levelFieldIndex(line, keyStart, keyEnd) >= 0;
                i++;
                if (i < n && line.charAt(i) == '"') {
                    StringBuilder out = levelKey ? new StringBuilder() : null;
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        char c = line.charAt(i);
                        if (c == '\\' && i + 1 < n) {
                            i++;
                            c = line.charAt(i);
                        }
                        if (out != null) {
                            out.append(c);
                        }
                        i++;
                    }
                    i++;
                    value = out == null ? null : out.toString();
                } else {
                    int valueStart = i;
                    while (i < n && line.charAt(i) > ' ') {
                        i++;
                    }
                    value = levelKey ? line.substring(valueStart, i) : null;
                }
            } else if (i < n && line.charAt(i) == '"') {
                i++; // stray quote: skip it
            }
            if (levelKey && value != null) {
                return value;
            }
            if (keyStart == keyEnd && !hasValue && i < n && line.charAt(i) > ' ') {
                i++;
            }
        }
        return null;
    }
}
