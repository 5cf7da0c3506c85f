package io.skald.logql.log;

import io.skald.logql.log.golang.GoDuration;
import io.skald.logql.log.golang.GoSyntaxException;
import io.skald.logql.log.golang.HumanBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small LogQL reader for tests: a stream selector followed by pipeline stages, turned into this
 * package's stages. The real parser lives in {@code logql.syntax}; this one only lets tests replay corpus queries.
 */
final class CorpusQueryParser {
    /** A parsed log query: selector matchers and the pipeline. */
    record LogQuery(List<LabelMatcher> selector, Pipeline pipeline) {}

    private final String src;
    private int pos;

    private CorpusQueryParser(String src) {
        this.src = src;
    }

    static LogQuery parse(String query) {
        CorpusQueryParser parser = new CorpusQueryParser(query);
        List<LabelMatcher> selector = parser.selector();
        List<Stage> stages = new ArrayList<>();
        while (true) {
            parser.skip();
            if (parser.pos >= parser.src.length()) {
                break;
            }
            stages.add(parser.stage());
        }
        return new LogQuery(selector, new Pipeline(stages));
    }

    private void skip() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String token) {
        skip();
        if (src.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!eat(token)) {
            throw new IllegalArgumentException("expected " + token + " at " + pos + " in " + src);
        }
    }

    private String identifier() {
        skip();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected identifier at " + pos + " in " + src);
        }
        return src.substring(start, pos);
    }

    private boolean atString() {
        skip();
        return pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '`');
    }

    private String string() {
        skip();
        char quote = src.charAt(pos);
        if (quote == '`') {
            int end = src.indexOf('`', pos + 1);
            String value = src.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }
        if (quote != '"') {
            throw new IllegalArgumentException("expected string at " + pos + " in " + src);
        }
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (src.charAt(i) != '"') {
            char c = src.charAt(i);
            if (c == '\\') {
                char e = src.charAt(i + 1);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    default -> out.append('\\').append(e);
                }
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        pos = i + 1;
        return out.toString();
    }

    private List<LabelMatcher> selector() {
        expect("{");
        List<LabelMatcher> matchers = new ArrayList<>();
        while (!eat("}")) {
            String name = identifier();
            MatchType type = matchType();
            matchers.add(LabelMatcher.of(type, name, string()));
            eat(",");
        }
        return matchers;
    }

    private MatchType matchType() {
        if (eat("=~")) {
            return MatchType.REGEX;
        }
        if (eat("!~")) {
            return MatchType.NOT_REGEX;
        }
        if (eat("!=")) {
            return MatchType.NOT_EQUAL;
        }
        expect("=");
        return MatchType.EQUAL;
    }

    private Stage stage() {
        for (String op : List.of("|=", "!=", "|~", "!~", "|>", "!>")) {
            if (eat(op)) {
                return lineFilter(op);
            }
        }
        expect("|");
        skip();
        int save = pos;
        if (src.charAt(pos) == '(') {
            return orFilter();
        }
        String word = identifier();
        switch (word) {
            case "json" -> {
                List<JsonExpressionParser.Extraction> extractions = new ArrayList<>();
                while (!atStageEnd()) {
                    String label = identifier();
                    String path = eat("=") ? string() : label;
                    extractions.add(JsonExpressionParser.Extraction.of(label, path));
                    eat(",");
                }
                return extractions.isEmpty() ? new JsonParser() : new JsonExpressionParser(extractions);
            }
            case "logfmt" -> {
                boolean strict = false;
                boolean keepEmpty = false;
                Map<String, String> params = new LinkedHashMap<>();
                while (!atStageEnd()) {
                    if (eat("--strict")) {
                        strict = true;
                    } else if (eat("--keep-empty")) {
                        keepEmpty = true;
                    } else {
                        String label = identifier();
                        params.put(label, eat("=") ? string() : label);
                        eat(",");
                    }
                }
                return params.isEmpty()
                        ? new LogfmtParser(strict, keepEmpty)
                        : new LogfmtExpressionParser(params, strict, keepEmpty);
            }
            case "regexp" -> {
                return new RegexpParser(string());
            }
            case "pattern" -> {
                return new PatternParser(string());
            }
            case "unpack" -> {
                return new UnpackParser();
            }
            case "decolorize" -> {
                return new Decolorize();
            }
            case "line_format" -> {
                return new LineFormatter(string());
            }
            case "label_format" -> {
                List<LabelFormat> formats = new ArrayList<>();
                do {
                    String name = identifier();
                    expect("=");
                    formats.add(
                            atString() ? LabelFormat.template(name, string()) : LabelFormat.rename(name, identifier()));
                } while (eat(","));
                return new LabelsFormatter(formats);
            }
            case "drop", "keep" -> {
                List<LabelSelection> selections = new ArrayList<>();
                do {
                    String name = identifier();
                    skip();
                    if (src.startsWith("=", pos) || src.startsWith("!=", pos)) {
                        MatchType type = matchType();
                        selections.add(LabelSelection.matching(type, name, string()));
                    } else {
                        selections.add(LabelSelection.name(name));
                    }
                } while (eat(","));
                return word.equals("drop") ? new DropLabels(selections) : new KeepLabels(selections);
            }
            default -> {
                pos = save;
                return orFilter();
            }
        }
    }

    private boolean atStageEnd() {
        skip();
        return pos >= src.length()
                || src.charAt(pos) == '|'
                || src.startsWith("!=", pos)
                || src.startsWith("!~", pos)
                || src.startsWith("!>", pos);
    }

    private Stage lineFilter(String op) {
        List<LineFilter> filters = new ArrayList<>();
        do {
            filters.add(positiveFilter(op));
        } while (eat("or "));
        LineFilter any = LineFilter.or(filters);
        return op.startsWith("!") ? LineFilter.not(any) : any;
    }

    private LineFilter positiveFilter(String op) {
        if (eat("ip(")) {
            String pattern = string();
            expect(")");
            return LineFilter.ip(pattern);
        }
        String value = string();
        return switch (op) {
            case "|=", "!=" -> LineFilter.contains(value);
            case "|~", "!~" -> LineFilter.regex(value);
            default -> LineFilter.pattern(value);
        };
    }

    private LabelFilter orFilter() {
        LabelFilter left = andFilter();
        while (eat("or ")) {
            left = LabelFilter.or(left, andFilter());
        }
        return left;
    }

    private LabelFilter andFilter() {
        LabelFilter left = primaryFilter();
        while (true) {
            skip();
            if (eat("and ") || eat(",")) {
                left = LabelFilter.and(left, primaryFilter());
            } else if (pos < src.length()
                    && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '(' || src.charAt(pos) == '_')
                    && !src.startsWith("or ", pos)) {
                left = LabelFilter.and(left, primaryFilter());
            } else {
                return left;
            }
        }
    }

    private LabelFilter primaryFilter() {
        if (eat("(")) {
            LabelFilter inner = orFilter();
            expect(")");
            return inner;
        }
        String name = identifier();
        skip();
        for (String op : List.of("==", "!=", ">=", "<=", ">", "<", "=~", "!~", "=")) {
            if (!eat(op)) {
                continue;
            }
            skip();
            if (eat("ip(")) {
                String pattern = string();
                expect(")");
                return LabelFilter.ip(name, !op.equals("!="), pattern);
            }
            if (atString()) {
                MatchType type = switch (op) {
                    case "=~" -> MatchType.REGEX;
                    case "!~" -> MatchType.NOT_REGEX;
                    case "!=" -> MatchType.NOT_EQUAL;
                    default -> MatchType.EQUAL;
                };
                return LabelFilter.string(type, name, string());
            }
            Comparison comparison = switch (op) {
                case "==", "=" -> Comparison.EQUAL;
                case "!=" -> Comparison.NOT_EQUAL;
                case ">=" -> Comparison.GREATER_OR_EQUAL;
                case "<=" -> Comparison.LESS_OR_EQUAL;
                case ">" -> Comparison.GREATER;
                default -> Comparison.LESS;
            };
            int start = pos;
            while (pos < src.length()
                    && (Character.isLetterOrDigit(src.charAt(pos))
                            || src.charAt(pos) == '.'
                            || src.charAt(pos) == '-')) {
                pos++;
            }
            String literal = src.substring(start, pos);
            if (literal.matches("-?[0-9.]+")) {
                return LabelFilter.number(comparison, name, Double.parseDouble(literal));
            }
            try {
                if (literal.matches("-?[0-9.]+(ns|us|µs|ms|s|m|h)([0-9.]+(ns|us|µs|ms|s|m|h))*")) {
                    return LabelFilter.duration(comparison, name, GoDuration.parse(literal));
                }
                return LabelFilter.bytes(comparison, name, HumanBytes.lokiQueryRoundTrip(HumanBytes.parse(literal)));
            } catch (GoSyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("expected label filter operator at " + pos + " in " + src);
    }
}
