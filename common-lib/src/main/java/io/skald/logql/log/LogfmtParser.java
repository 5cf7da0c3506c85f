package io.skald.logql.log;

import org.jspecify.annotations.Nullable;

/**
 * {@code | logfmt [--strict] [--keep-empty]}: every {@code key=value} pair becomes a label. By default malformed
 * pairs are skipped and empty values dropped; {@code --strict} stops at the first syntax error and sets
 * {@code __error__="LogfmtParserErr"}; {@code --keep-empty} keeps empty values (and bare keys) as empty labels. With
 * {@link ParserHints} it extracts only the required labels, still scanning the whole line for syntax errors.
 */
public final class LogfmtParser implements Stage {
    private final boolean strict;
    private final boolean keepEmpty;
    private final @Nullable ParserHints hints;
    private final ParsedNameCache names = new ParsedNameCache();

    public LogfmtParser(boolean strict, boolean keepEmpty) {
        this(strict, keepEmpty, null);
    }

    /** A parser extracting only the labels of {@code hints} (every label when null). */
    public LogfmtParser(boolean strict, boolean keepEmpty, @Nullable ParserHints hints) {
        this.strict = strict;
        this.keepEmpty = keepEmpty;
        this.hints = hints;
    }

    /** The hints this parser extracts by, null when it extracts every label. */
    public @Nullable ParserHints hints() {
        return hints;
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
        byte[] line = entry.line();
        LogfmtDecoder decoder = new LogfmtDecoder(line);
        ParserHints h = hints;
        while (!decoder.atEnd()) {
            if (!decoder.scanKeyval()) {
                if (strict) {
                    break;
                }
                continue;
            }
            if (!decoder.hasKey()) {
                continue;
            }
            if (h != null) {
                extractHinted(decoder, line, h, labels);
                continue;
            }
            String name = names.name("", line, decoder.keyStart(), decoder.keyEnd());
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
        return finish(decoder, labels);
    }

    /** One pair under hints: its value is decoded only when its final name is required. */
    private void extractHinted(LogfmtDecoder decoder, byte[] line, ParserHints h, LabelsBuilder labels) {
        long mask;
        int length;
        if (!decoder.keyMultibyte()) {
            mask = h.narrow(h.all(), 0, true, line, decoder.keyStart(), decoder.keyEnd());
            length = ParserHints.length(0, true, line, decoder.keyStart(), decoder.keyEnd());
        } else {
            String sanitized = ParsedNames.sanitize(java.util.Objects.requireNonNull(decoder.key()), true);
            mask = h.narrow(h.all(), 0, true, sanitized);
            length = sanitized.length();
        }
        if (length == 0) {
            return;
        }
        int index = h.exact(mask, length);
        if (index < 0) {
            return;
        }
        String target = h.target(index, labels);
        if (target == null) {
            return;
        }
        String value = decoder.value();
        if (value != null && value.indexOf('\uFFFD') >= 0) {
            value = null;
        }
        if (value == null && !keepEmpty) {
            return;
        }
        labels.set(target, value == null ? "" : value);
    }

    private boolean finish(LogfmtDecoder decoder, LabelsBuilder labels) {
        String error = decoder.error();
        if (strict && error != null) {
            labels.setError(ErrorLabels.LOGFMT_PARSER);
            labels.setErrorDetails(error);
        }
        return true;
    }
}
