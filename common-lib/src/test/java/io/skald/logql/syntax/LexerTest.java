package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token boundaries as Loki's lexer draws them. */
class LexerTest {

    static Stream<Arguments> tokenizations() {
        return Stream.of(
                Arguments.of("rate(", List.of(TokenType.RANGE_OP, TokenType.OPEN_PARENTHESIS)),
                Arguments.of("rate =", List.of(TokenType.IDENTIFIER, TokenType.EQ)),
                Arguments.of(
                        "sum by (a)",
                        List.of(
                                TokenType.VECTOR_OP,
                                TokenType.BY,
                                TokenType.OPEN_PARENTHESIS,
                                TokenType.IDENTIFIER,
                                TokenType.CLOSE_PARENTHESIS)),
                Arguments.of(
                        "bytes bytes(",
                        List.of(TokenType.IDENTIFIER, TokenType.BYTES_CONV, TokenType.OPEN_PARENTHESIS)),
                Arguments.of(
                        "|= != |~ !~ |> !> | == >= <=",
                        List.of(
                                TokenType.PIPE_EXACT,
                                TokenType.NEQ,
                                TokenType.PIPE_MATCH,
                                TokenType.NRE,
                                TokenType.PIPE_PATTERN,
                                TokenType.NPA,
                                TokenType.PIPE,
                                TokenType.CMP_EQ,
                                TokenType.GTE,
                                TokenType.LTE)),
                Arguments.of(
                        "5m 1h30m 1.5s -5m 300ms",
                        List.of(
                                TokenType.DURATION,
                                TokenType.DURATION,
                                TokenType.DURATION,
                                TokenType.DURATION,
                                TokenType.DURATION)),
                Arguments.of("20MB 1KiB 5B", List.of(TokenType.BYTES, TokenType.BYTES, TokenType.BYTES)),
                Arguments.of(
                        "5 0.5 1e3 .5",
                        List.of(TokenType.NUMBER, TokenType.NUMBER, TokenType.NUMBER, TokenType.NUMBER)),
                Arguments.of("- 3", List.of(TokenType.SUB, TokenType.NUMBER)),
                Arguments.of("--strict --keep-empty", List.of(TokenType.PARSER_FLAG, TokenType.PARSER_FLAG)),
                Arguments.of("[5m]", List.of(TokenType.RANGE)),
                Arguments.of(
                        "AND Or unless # a comment\n/* block */ json // line",
                        List.of(TokenType.AND, TokenType.OR, TokenType.UNLESS, TokenType.JSON)),
                Arguments.of("@", List.of(TokenType.IDENTIFIER)),
                Arguments.of("'x' '\\n'", List.of(TokenType.IDENTIFIER, TokenType.IDENTIFIER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenizations")
    void splitsLikeLoki(String input, List<TokenType> expected) {
        Lexer lexer = new Lexer(input);
        List<TokenType> types = new ArrayList<>();
        for (Token token = lexer.next(); token.type() != TokenType.EOF; token = lexer.next()) {
            types.add(token.type());
        }
        assertThat(types).isEqualTo(expected);
    }

    @Test
    void readsDurationsAndSizes() {
        Lexer lexer = new Lexer("1h30m 1.5h 8KiB 2GB [1d]");
        assertThat(lexer.next().durationValue()).isEqualTo(Duration.ofMinutes(90));
        assertThat(lexer.next().durationValue()).isEqualTo(Duration.ofMinutes(90));
        assertThat(lexer.next().bytes()).isEqualTo(8192);
        assertThat(lexer.next().bytes()).isEqualTo(2_000_000_000L);
        assertThat(lexer.next().durationValue()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void unquotesGoStrings() {
        Lexer lexer = new Lexer("\"a\\\"b\\n\\u00e9\\xc3\\xa4\\101\" `raw\\n`");
        assertThat(lexer.next().text()).isEqualTo("a\"b\néäA");
        assertThat(lexer.next().text()).isEqualTo("raw\\n");
    }

    @Test
    void locatesTokensByCharacterColumns() {
        Lexer lexer = new Lexer("{a=\"ü\"}\n  x");
        List<Token> tokens = new ArrayList<>();
        for (Token token = lexer.next(); token.type() != TokenType.EOF; token = lexer.next()) {
            tokens.add(token);
        }
        Token last = tokens.get(tokens.size() - 1);
        assertThat(tokens.get(4).column()).isEqualTo(7);
        assertThat(List.of(last.line(), last.column())).containsExactly(2, 3);
    }

    @Test
    void formatsDurationsAsGoAndPrometheus() {
        assertThat(DurationSyntax.formatGo(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
        assertThat(DurationSyntax.formatGo(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(DurationSyntax.formatGo(Duration.ofNanos(1500))).isEqualTo("1.5µs");
        assertThat(DurationSyntax.formatGo(Duration.ofMinutes(-5))).isEqualTo("-5m0s");
        assertThat(DurationSyntax.formatPrometheus(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationSyntax.formatPrometheus(Duration.ofDays(14))).isEqualTo("2w");
        assertThat(DurationSyntax.formatPrometheus(Duration.ofDays(15))).isEqualTo("15d");
    }
}
