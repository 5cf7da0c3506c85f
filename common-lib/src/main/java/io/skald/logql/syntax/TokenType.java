package io.skald.logql.syntax;

/**
 * LogQL token kinds. {@link #displayName()} is the name Loki's yacc parser uses in "unexpected X" messages: the
 * keyword or operator text for plain tokens, the grammar symbol for function tokens and value tokens.
 */
enum TokenType {
    EOF("$end"),
    IDENTIFIER("IDENTIFIER"),
    STRING("STRING"),
    NUMBER("NUMBER"),
    DURATION("DURATION"),
    RANGE("RANGE"),
    BYTES("BYTES"),
    PARSER_FLAG("PARSER_FLAG"),
    COMMA(","),
    DOT("."),
    OPEN_BRACE("{"),
    CLOSE_BRACE("}"),
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~"),
    NPA("!>"),
    PIPE_EXACT("|="),
    PIPE_MATCH("|~"),
    PIPE_PATTERN("|>"),
    PIPE("|"),
    OPEN_PARENTHESIS("("),
    CLOSE_PARENTHESIS(")"),
    OPEN_BRACKET("["),
    CLOSE_BRACKET("]"),
    BY("by"),
    WITHOUT("without"),
    BOOL("bool"),
    OR("or"),
    AND("and"),
    UNLESS("unless"),
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),
    CMP_EQ("=="),
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<="),
    JSON("json"),
    LOGFMT("logfmt"),
    REGEXP("regexp"),
    UNPACK("unpack"),
    PATTERN("pattern"),
    LINE_FMT("line_format"),
    LABEL_FMT("label_format"),
    DECOLORIZE("decolorize"),
    DROP("drop"),
    KEEP("keep"),
    UNWRAP("unwrap"),
    OFFSET("offset"),
    ON("on"),
    IGNORING("ignoring"),
    GROUP_LEFT("group_left"),
    GROUP_RIGHT("group_right"),
    LABEL_REPLACE("label_replace"),
    IP("ip"),
    // Function tokens: only keywords when followed by "(" (or "by (" / "without ("), otherwise identifiers.
    RANGE_OP("RANGE_OP"),
    VECTOR_OP("VECTOR_OP"),
    VECTOR("VECTOR"),
    BYTES_CONV("BYTES_CONV"),
    DURATION_CONV("DURATION_CONV"),
    DURATION_SECONDS_CONV("DURATION_SECONDS_CONV");

    private final String displayName;

    TokenType(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }
}
