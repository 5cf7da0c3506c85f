package io.skald.logql.log;

import java.util.regex.Pattern;

/** {@code | decolorize}: strips ANSI escape sequences (the pattern Loki takes from acarl005/stripansi). */
public final class Decolorize implements Stage {
    private static final Pattern ANSI =
            Pattern.compile("[\\u001B\\u009B][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\\u0007)"
                    + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

    @Override
    public boolean process(PipelineEntry entry) {
        if (!mayHoldEscape(entry.line())) {
            return true;
        }
        String line = entry.lineString();
        String stripped = ANSI.matcher(line).replaceAll("");
        if (stripped.length() != line.length()) {
            entry.setLine(stripped);
        }
        return true;
    }

    /** ESC, or the UTF-8 encoding of CSI (U+009B): C2 9B. */
    private static boolean mayHoldEscape(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0x1b || (line[i] == (byte) 0xc2 && i + 1 < line.length && line[i + 1] == (byte) 0x9b)) {
                return true;
            }
        }
        return false;
    }
}
