package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 1,500 random strings, floats and durations with what Go printed for them (recorded once with Go): {@code
 * strconv.Quote}, {@code fmt.Sprint}, {@code %f}, {@code FormatFloat(f, 'f', -1, 64)} and {@code Duration.String}.
 */
class GoFormatAnswersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void printsLikeGo() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = GoFormatAnswersTest.class.getResourceAsStream("/logql/go-format-answers.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = MAPPER.readTree(line);
                double value = node.path("f").asDouble();
                String ours = String.join(
                        "\t",
                        GoStringLiterals.quote(node.path("s").asString()),
                        GoFloatFormat.formatDefault(value),
                        GoFloatFormat.formatFixed(value),
                        GoFloatFormat.formatShortest(value),
                        DurationSyntax.formatGo(Duration.ofNanos(node.path("ns").asLong())));
                if (!ours.equals(node.path("go").asString())) {
                    mismatches.add(line + "\n  ours: " + ours);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(1500);
        assertThat(mismatches).isEmpty();
    }

    /** Random duration strings and what Go's {@code time.ParseDuration} answered (nanoseconds or its error). */
    @Test
    void parsesDurationsLikeGo() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = GoFormatAnswersTest.class.getResourceAsStream("/logql/go-duration-answers.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = MAPPER.readTree(line);
                String ours;
                try {
                    ours = "OK "
                            + DurationSyntax.parseGo(node.path("s").asString()).toNanos();
                } catch (IllegalArgumentException e) {
                    ours = "ERR " + e.getMessage();
                }
                if (!ours.equals(node.path("go").asString())) {
                    mismatches.add(line + "\n  ours: " + ours);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(2365);
        assertThat(mismatches).isEmpty();
    }

    /**
     * Random double-quoted literals and what Go's {@code text/scanner} plus {@code strconv.Unquote} made of them
     * (the UTF-8 bytes in hex, or the first error); literals decoding to invalid UTF-8 are left out.
     */
    @Test
    void unquotesStringsLikeGo() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = GoFormatAnswersTest.class.getResourceAsStream("/logql/go-string-answers.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = MAPPER.readTree(line);
                String ours;
                try {
                    Token token = new Lexer(node.path("s").asString()).next();
                    ours = "OK " + HexFormat.of().formatHex(token.text().getBytes(StandardCharsets.UTF_8));
                } catch (LogqlParseException e) {
                    ours = "ERR " + e.detail();
                }
                if (!ours.equals(node.path("go").asString())) {
                    mismatches.add(line + "\n  ours: " + ours);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(1847);
        assertThat(mismatches).isEmpty();
    }
}
