package io.skald.logql.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON extraction expression of {@code | json label="expr"}: {@code a.b}, {@code a[0]}, {@code ['key with space']},
 * {@code ["key"]}, and combinations. Each part is a key (String) or an array index (Integer).
 */
public record JsonPath(String expression, List<Object> parts) {

    public JsonPath {
        parts = List.copyOf(parts);
    }

    /** Parses an expression; throws {@link IllegalArgumentException} when malformed. */
    public static JsonPath parse(String expression) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        boolean expectField = true;
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '.') {
                if (expectField) {
                    throw invalid(expression);
                }
                expectField = true;
                i++;
            } else if (c == '[') {
                int close;
                if (i + 1 < n && (expression.charAt(i + 1) == '"' || expression.charAt(i + 1) == '\'')) {
                    char quote = expression.charAt(i + 1);
                    int endQuote = expression.indexOf(quote, i + 2);
                    if (endQuote < 0 || endQuote + 1 >= n || expression.charAt(endQuote + 1) != ']') {
                        throw invalid(expression);
                    }
                    parts.add(expression.substring(i + 2, endQuote));
                    close = endQuote + 1;
                } else {
                    close = expression.indexOf(']', i);
                    if (close < 0) {
                        throw invalid(expression);
                    }
                    String index = expression.substring(i + 1, close).trim();
                    if (!index.matches("[0-9]+")) {
                        throw invalid(expression);
                    }
                    parts.add(Integer.parseInt(index));
                }
                i = close + 1;
                expectField = false;
            } else {
                int end = i;
                while (end < n && expression.charAt(end) != '.' && expression.charAt(end) != '[') {
                    end++;
                }
                if (!expectField && !parts.isEmpty()) {
                    throw invalid(expression);
                }
                parts.add(expression.substring(i, end));
                i = end;
                expectField = false;
            }
        }
        if (parts.isEmpty() || expectField) {
            throw invalid(expression);
        }
        return new JsonPath(expression, parts);
    }

    private static IllegalArgumentException invalid(String expression) {
        return new IllegalArgumentException("cannot parse expression [" + expression + "]: syntax error");
    }
}
