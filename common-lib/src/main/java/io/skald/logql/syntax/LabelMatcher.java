package io.skald.logql.syntax;

/**
 * A label matcher {@code name op "value"}, used by stream selectors, string label filters and drop/keep. Regular
 * expressions are RE2 and fully anchored; compile them with {@link Re2#compileAnchored(String)}.
 */
public record LabelMatcher(String name, Type type, String value) {

    /** The four matcher operators. */
    public enum Type {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }

        public boolean isNegated() {
            return this == NOT_EQUAL || this == NOT_REGEX;
        }
    }

    /** Whether this matcher accepts {@code value}; compiles the regex on every call, so cache in hot paths. */
    public boolean matches(String labelValue) {
        return switch (type) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> Re2.compileAnchored(value).matcher(labelValue).matches();
            case NOT_REGEX -> !Re2.compileAnchored(value).matcher(labelValue).matches();
        };
    }
}
