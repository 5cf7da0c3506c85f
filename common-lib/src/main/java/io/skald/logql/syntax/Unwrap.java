package io.skald.logql.syntax;

import java.util.List;

/**
 * {@code | unwrap label}, {@code | unwrap duration(label)} and so on, with the label filters written after it (they
 * run after the sample value is extracted, so they can see {@code __error__} from the conversion).
 */
public record Unwrap(String label, Conversion conversion, List<LabelFilter> postFilters) {
    public Unwrap {
        postFilters = List.copyOf(postFilters);
    }

    /** How the label value becomes a float. */
    public enum Conversion {
        /** Parse as a float. */
        NONE(""),
        /** Parse as a byte size ({@code 5MB}). */
        BYTES("bytes"),
        /** Parse as a Go duration, in seconds. */
        DURATION("duration"),
        /** Same as DURATION. */
        DURATION_SECONDS("duration_seconds");

        private final String functionName;

        Conversion(String functionName) {
            this.functionName = functionName;
        }

        public String functionName() {
            return functionName;
        }
    }
}
