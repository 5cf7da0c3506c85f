package io.skald.logql.log;

/** The operator of a string label matcher: {@code = != =~ !~}. */
public enum MatchType {
    EQUAL,
    NOT_EQUAL,
    REGEX,
    NOT_REGEX
}
