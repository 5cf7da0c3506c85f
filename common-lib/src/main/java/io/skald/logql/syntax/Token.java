package io.skald.logql.syntax;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One lexed token. {@code text} is the source text, or the unquoted value for {@link TokenType#STRING}; {@code line}
 * and {@code column} (1-based, counted in characters) locate its first character as Loki reports them.
 */
record Token(
        TokenType type,
        String text,
        int line,
        int column,
        @Nullable Duration duration,
        long bytes) {

    static Token of(TokenType type, String text, int line, int column) {
        return new Token(type, text, line, column, null, 0);
    }

    /** The name Loki's parser prints for this token in a syntax error. */
    String displayName() {
        return switch (type) {
            case RANGE_OP, VECTOR_OP -> text.toUpperCase(java.util.Locale.ROOT);
            default -> type.displayName();
        };
    }

    Duration durationValue() {
        if (duration == null) {
            throw new IllegalStateException("not a duration token: " + type);
        }
        return duration;
    }
}
