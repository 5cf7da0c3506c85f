package io.skald.bench.corpus;

import java.util.Locale;

/** The kinds of log lines in the generated mix; each stream carries one kind, as real applications do. */
public enum LogFormat {
    LOGFMT,
    JSON,
    NGINX,
    /** Plain text lines, some entries being multi-line Java stack traces. */
    PLAIN;

    /** The label value naming the kind. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
