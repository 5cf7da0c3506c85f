package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 5,000 random patterns with the answers Go's {@code regexp} package gave for them (recorded once with Go; no Go
 * is needed to run this): the error text, or for each subject whether an unanchored search finds a match, whether
 * the Prometheus-anchored form {@code ^(?s:re)$} matches, and the byte offsets of every group of the first match.
 */
class Re2GoAnswersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void behavesLikeGoRegexp() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = Re2GoAnswersTest.class.getResourceAsStream("/logql/re2-go-answers.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = MAPPER.readTree(line);
                String answer = answer(node.path("re").asString(), node.path("subjects"));
                if (!answer.equals(node.path("go").asString())) {
                    mismatches.add(line + "\n  ours: " + answer);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(5000);
        assertThat(mismatches).isEmpty();
    }

    private static String answer(String regex, JsonNode subjects) {
        String error = Re2.validate(regex);
        if (error != null) {
            return "ERR " + GoStringLiterals.quote(error);
        }
        Pattern pattern = Re2.compile(regex);
        Pattern anchored;
        try {
            anchored = Re2.compileAnchored(regex);
        } catch (IllegalArgumentException e) {
            anchored = null;
        }
        StringBuilder result = new StringBuilder("OK ");
        for (JsonNode subjectNode : subjects) {
            String subject = subjectNode.asString();
            Matcher matcher = pattern.matcher(subject);
            boolean found = matcher.find();
            result.append(found ? '1' : '0');
            result.append(anchored == null ? "X" : anchored.matcher(subject).matches() ? "1" : "0");
            List<String> offsets = new ArrayList<>();
            if (found) {
                for (int group = 0; group <= matcher.groupCount(); group++) {
                    offsets.add(String.valueOf(byteOffset(subject, matcher.start(group))));
                    offsets.add(String.valueOf(byteOffset(subject, matcher.end(group))));
                }
            }
            result.append('[').append(String.join(" ", offsets)).append("];");
        }
        return result.toString();
    }

    private static int byteOffset(String s, int charIndex) {
        return charIndex < 0 ? -1 : s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }
}
