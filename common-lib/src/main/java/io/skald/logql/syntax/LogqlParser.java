package io.skald.logql.syntax;

import io.skald.logql.syntax.PipelineStage.LabelExtraction;
import io.skald.logql.syntax.PipelineStage.LabelFormatRule;
import io.skald.logql.syntax.PipelineStage.LineFilterTerm;
import io.skald.logql.syntax.PipelineStage.NamedLabel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written recursive-descent parser for Loki 3.x LogQL. It accepts what Loki's yacc grammar accepts, folds
 * operations on two numbers as Loki does, runs Loki's parse-time validation, and reports errors with Loki's wording
 * ({@link LogqlParseException}).
 */
public final class LogqlParser {
    /** Loki refuses queries of this many bytes or more. */
    public static final int MAX_INPUT_SIZE = 5120;

    private final Lexer lexer;
    /**
     * Errors Loki keeps in the node it builds and reports only when it validates the parsed tree, so that a later
     * syntax error wins over them and they come out in tree order (see {@link ExprValidator}).
     */
    private final IdentityHashMap<SampleExpr, LogqlParseException> deferred = new IdentityHashMap<>();

    private Token token;
    private @Nullable Token peeked;

    private LogqlParser(String input) {
        this.lexer = new Lexer(input);
        this.token = lexer.next();
    }

    /** Parses and validates a query; throws {@link LogqlParseException} with Loki's message when it is invalid. */
    public static Expr parse(String query) {
        int size = query.getBytes(StandardCharsets.UTF_8).length;
        if (size >= MAX_INPUT_SIZE) {
            throw LogqlParseException.unpositioned("input size too long (" + size + " > " + MAX_INPUT_SIZE + ")");
        }
        LogqlParser parser = new LogqlParser(query);
        Expr expr = parser.parseExpr(1);
        if (parser.token.type() != TokenType.EOF) {
            throw parser.syntaxError();
        }
        ExprValidator.validate(expr, parser.deferred);
        return expr;
    }

    /** Loki's answer to a log query sent to the instant-query endpoint. */
    public static final String INSTANT_LOG_QUERY_ERROR =
            "log queries are not supported as an instant query type, please change your query to a range query type";

    /** Parses a query for the instant endpoint: only metric queries are allowed there. */
    public static SampleExpr parseInstantQuery(String query) {
        if (parse(query) instanceof SampleExpr sample) {
            return sample;
        }
        throw new UnsupportedQueryTypeException(INSTANT_LOG_QUERY_ERROR);
    }

    /** Parses a metric query. */
    public static SampleExpr parseSampleExpr(String query) {
        if (parse(query) instanceof SampleExpr sample) {
            return sample;
        }
        throw new UnsupportedQueryTypeException("only sample expression supported");
    }

    /** Parses a log query ({@code {app="a"} |= "x"}). */
    public static LogSelectorExpr parseLogSelector(String query) {
        if (parse(query) instanceof LogSelectorExpr selector) {
            return selector;
        }
        throw new UnsupportedQueryTypeException("only log selector is supported");
    }

    /** Parses a plain stream selector, as the series endpoint takes in {@code match[]}. */
    public static List<LabelMatcher> parseMatchers(String query) {
        if (parse(query) instanceof LogSelectorExpr selector
                && selector.stages().isEmpty()) {
            return selector.matchers();
        }
        throw new UnsupportedQueryTypeException("only label matchers are supported");
    }

    // ---- expressions ----

    private Expr parseExpr(int minPrecedence) {
        Expr left = parsePrimary();
        while (true) {
            BinaryOp op = binaryOp(token.type());
            if (op == null || op.precedence() < minPrecedence) {
                return left;
            }
            advance();
            boolean returnBool = false;
            if (token.type() == TokenType.BOOL) {
                returnBool = true;
                advance();
            }
            VectorMatching matching = parseVectorMatching();
            Expr right = parseExpr(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
            left = binaryOperation(op, returnBool, matching, left, right);
        }
    }

    private static @Nullable BinaryOp binaryOp(TokenType type) {
        return switch (type) {
            case OR -> BinaryOp.OR;
            case AND -> BinaryOp.AND;
            case UNLESS -> BinaryOp.UNLESS;
            case CMP_EQ -> BinaryOp.EQUAL;
            case NEQ -> BinaryOp.NOT_EQUAL;
            case GT -> BinaryOp.GREATER;
            case GTE -> BinaryOp.GREATER_OR_EQUAL;
            case LT -> BinaryOp.LESS;
            case LTE -> BinaryOp.LESS_OR_EQUAL;
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUBTRACT;
            case MUL -> BinaryOp.MULTIPLY;
            case DIV -> BinaryOp.DIVIDE;
            case MOD -> BinaryOp.MODULO;
            case POW -> BinaryOp.POWER;
            default -> null;
        };
    }

    private VectorMatching parseVectorMatching() {
        if (token.type() != TokenType.ON && token.type() != TokenType.IGNORING) {
            return VectorMatching.DEFAULT;
        }
        boolean on = token.type() == TokenType.ON;
        advance();
        List<String> labels = parseLabelList();
        VectorMatching.Cardinality cardinality = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (token.type() == TokenType.GROUP_LEFT || token.type() == TokenType.GROUP_RIGHT) {
            cardinality = token.type() == TokenType.GROUP_LEFT
                    ? VectorMatching.Cardinality.MANY_TO_ONE
                    : VectorMatching.Cardinality.ONE_TO_MANY;
            advance();
            if (token.type() == TokenType.OPEN_PARENTHESIS) {
                include = parseLabelList();
            }
        }
        if (!on && labels.isEmpty() && cardinality == VectorMatching.Cardinality.ONE_TO_ONE) {
            return VectorMatching.DEFAULT;
        }
        return new VectorMatching(cardinality, on, labels, include);
    }

    private Expr binaryOperation(BinaryOp op, boolean returnBool, VectorMatching matching, Expr left, Expr right) {
        if (!(left instanceof SampleExpr leftSample)) {
            return failed("unexpected type for left leg of binary operation (" + op.symbol() + "): "
                    + goTypeName((LogSelectorExpr) left));
        }
        if (!(right instanceof SampleExpr rightSample)) {
            return failed("unexpected type for right leg of binary operation (" + op.symbol() + "): "
                    + goTypeName((LogSelectorExpr) right));
        }
        for (SampleExpr leg : List.of(leftSample, rightSample)) {
            LogqlParseException error = deferred.get(leg);
            if (leg instanceof LiteralExpr && error != null) {
                return failed(error);
            }
        }
        if (op.isSetOperation()) {
            if (leftSample instanceof LiteralExpr literal) {
                return failed("unexpected literal for left leg of logical/set binary operation (" + op.symbol() + "): "
                        + GoFloatFormat.formatFixed(literal.value()));
            }
            if (rightSample instanceof LiteralExpr literal) {
                return failed("unexpected literal for right leg of logical/set binary operation (" + op.symbol() + "): "
                        + GoFloatFormat.formatFixed(literal.value()));
            }
        }
        if (leftSample instanceof LiteralExpr l && rightSample instanceof LiteralExpr r) {
            return new LiteralExpr(op.apply(l.value(), r.value()));
        }
        return new BinOpExpr(op, leftSample, rightSample, returnBool, matching);
    }

    /** A stand-in node carrying an error Loki reports at validation; never a literal, so nothing folds it. */
    private SampleExpr failed(String message) {
        return failed(LogqlParseException.unpositioned(message));
    }

    private SampleExpr failed(LogqlParseException error) {
        SampleExpr placeholder = new VectorExpr(0);
        deferred.put(placeholder, error);
        return placeholder;
    }

    private <T extends SampleExpr> T withError(T node, @Nullable String message) {
        if (message != null) {
            deferred.put(node, LogqlParseException.unpositioned(message));
        }
        return node;
    }

    private static String goTypeName(LogSelectorExpr expr) {
        return expr.stages().isEmpty() ? "*syntax.MatchersExpr" : "*syntax.PipelineExpr";
    }

    private Expr parsePrimary() {
        return switch (token.type()) {
            case OPEN_BRACE -> parseLogExpr();
            case OPEN_PARENTHESIS -> {
                advance();
                Expr inner = parseExpr(1);
                expect(TokenType.CLOSE_PARENTHESIS);
                yield inner;
            }
            case NUMBER, ADD, SUB -> parseLiteral();
            case RANGE_OP -> parseRangeAggregation();
            case VECTOR_OP -> parseVectorAggregation();
            case LABEL_REPLACE -> parseLabelReplace();
            case VECTOR -> parseVector();
            default -> throw syntaxError();
        };
    }

    private SampleExpr parseSampleOperand() {
        Expr expr = parseExpr(1);
        if (expr instanceof SampleExpr sample) {
            return sample;
        }
        // Loki's grammar has no rule for a log query here: the token after it is the unexpected one.
        throw syntaxError();
    }

    private SampleExpr parseLiteral() {
        boolean negative = parseSign();
        String text = expect(TokenType.NUMBER).text();
        double value = goParseFloat(text);
        return withError(
                new LiteralExpr(negative ? -value : value), floatError(text, "unable to parse literal as a float: "));
    }

    /** A number in a label filter: Loki ignores a parse failure there and uses Go's fallback value. */
    private double parseSignedNumber() {
        boolean negative = parseSign();
        double value = goParseFloat(expect(TokenType.NUMBER).text());
        return negative ? -value : value;
    }

    private boolean parseSign() {
        if (token.type() == TokenType.ADD || token.type() == TokenType.SUB) {
            boolean negative = token.type() == TokenType.SUB;
            advance();
            return negative;
        }
        return false;
    }

    /** Go's {@code strconv.ParseFloat} value: 0 for bad syntax, infinity when out of range. */
    private static double goParseFloat(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static @Nullable String floatError(String text, String errorPrefix) {
        try {
            if (Double.isInfinite(Double.parseDouble(text))) {
                return errorPrefix + "strconv.ParseFloat: parsing " + GoStringLiterals.quote(text)
                        + ": value out of range";
            }
            return null;
        } catch (NumberFormatException e) {
            return errorPrefix + "strconv.ParseFloat: parsing " + GoStringLiterals.quote(text) + ": invalid syntax";
        }
    }

    private SampleExpr parseRangeAggregation() {
        RangeOp op = RangeOp.fromName(token.text().toLowerCase(Locale.ROOT));
        advance();
        expect(TokenType.OPEN_PARENTHESIS);
        String parameterText = null;
        if (token.type() == TokenType.NUMBER) {
            parameterText = token.text();
            advance();
            expect(TokenType.COMMA);
        } else if (token.type() != TokenType.OPEN_BRACE && token.type() != TokenType.OPEN_PARENTHESIS) {
            throw syntaxError(TokenType.NUMBER, TokenType.OPEN_BRACE, TokenType.OPEN_PARENTHESIS);
        }
        LogRange range = parseLogRange();
        expectWithoutHint(TokenType.CLOSE_PARENTHESIS);
        Grouping grouping = null;
        if (token.type() == TokenType.BY || token.type() == TokenType.WITHOUT) {
            grouping = parseGrouping();
        }
        if (op == null) {
            throw new IllegalStateException("lexer produced an unknown range operation");
        }
        Double parameter = null;
        String error = null;
        if (parameterText != null) {
            if (op != RangeOp.QUANTILE_OVER_TIME) {
                error = "parameter " + parameterText + " not supported for operation " + op.functionName();
            } else {
                parameter = goParseFloat(parameterText);
                String floatError = floatError(parameterText, "");
                if (floatError != null) {
                    error = "invalid parameter for operation " + op.functionName() + ": " + floatError;
                }
            }
        } else if (op == RangeOp.QUANTILE_OVER_TIME) {
            error = "parameter required for operation " + op.functionName();
        }
        if (error == null && grouping != null && !op.allowsGrouping()) {
            error = "grouping not allowed for " + op.functionName() + " aggregation";
        }
        if (error == null && range.unwrap() != null && !op.allowsUnwrap()) {
            error = "invalid aggregation " + op.functionName() + " with unwrap";
        }
        if (error == null && range.unwrap() == null && !op.allowsNoUnwrap()) {
            error = "invalid aggregation " + op.functionName() + " without unwrap";
        }
        return withError(new RangeAggregationExpr(op, range, parameter, grouping), error);
    }

    private LogRange parseLogRange() {
        if (token.type() != TokenType.OPEN_BRACE && token.type() != TokenType.OPEN_PARENTHESIS) {
            throw syntaxError(TokenType.OPEN_BRACE, TokenType.OPEN_PARENTHESIS);
        }
        if (token.type() == TokenType.OPEN_PARENTHESIS) {
            advance();
            if (token.type() == TokenType.OPEN_PARENTHESIS) {
                LogRange inner = parseLogRange();
                expect(TokenType.CLOSE_PARENTHESIS);
                return inner;
            }
            List<LabelMatcher> matchers = parseSelector();
            List<PipelineStage> stages = parseStages(true);
            Unwrap unwrap = parseUnwrap();
            if (token.type() == TokenType.CLOSE_PARENTHESIS) {
                advance();
                Duration range = expectWithoutHint(TokenType.RANGE).durationValue();
                Duration offset = parseOffset();
                return new LogRange(new LogSelectorExpr(matchers, stages), range, offset, unwrap);
            }
            LogRange inner = finishLogRange(matchers, stages, unwrap);
            expect(TokenType.CLOSE_PARENTHESIS);
            return inner;
        }
        List<LabelMatcher> matchers = parseSelector();
        List<PipelineStage> stages = parseStages(true);
        Unwrap unwrap = parseUnwrap();
        return finishLogRange(matchers, stages, unwrap);
    }

    private LogRange finishLogRange(List<LabelMatcher> matchers, List<PipelineStage> stages, @Nullable Unwrap unwrap) {
        Duration range = expectWithoutHint(TokenType.RANGE).durationValue();
        Duration offset = parseOffset();
        List<PipelineStage> allStages = stages;
        Unwrap allUnwrap = unwrap;
        if (stages.isEmpty() && unwrap == null) {
            // Loki also accepts the pipeline after the range: {app="a"}[5m] | json | unwrap x
            allStages = parseStages(true);
            allUnwrap = parseUnwrap();
        }
        return new LogRange(new LogSelectorExpr(matchers, allStages), range, offset, allUnwrap);
    }

    private Duration parseOffset() {
        if (token.type() != TokenType.OFFSET) {
            return Duration.ZERO;
        }
        advance();
        return expect(TokenType.DURATION).durationValue();
    }

    private @Nullable Unwrap parseUnwrap() {
        if (token.type() != TokenType.PIPE || peek().type() != TokenType.UNWRAP) {
            return null;
        }
        advance();
        advance();
        Unwrap.Conversion conversion = switch (token.type()) {
            case BYTES_CONV -> Unwrap.Conversion.BYTES;
            case DURATION_CONV -> Unwrap.Conversion.DURATION;
            case DURATION_SECONDS_CONV -> Unwrap.Conversion.DURATION_SECONDS;
            case IDENTIFIER -> Unwrap.Conversion.NONE;
            default ->
                throw syntaxError(
                        TokenType.IDENTIFIER,
                        TokenType.BYTES_CONV,
                        TokenType.DURATION_CONV,
                        TokenType.DURATION_SECONDS_CONV);
        };
        String label;
        if (conversion == Unwrap.Conversion.NONE) {
            label = token.text();
            advance();
        } else {
            advance();
            expect(TokenType.OPEN_PARENTHESIS);
            label = expect(TokenType.IDENTIFIER).text();
            expect(TokenType.CLOSE_PARENTHESIS);
        }
        List<LabelFilter> postFilters = new ArrayList<>();
        while (token.type() == TokenType.PIPE) {
            advance();
            if (token.type() != TokenType.IDENTIFIER && token.type() != TokenType.OPEN_PARENTHESIS) {
                throw syntaxError(TokenType.IDENTIFIER, TokenType.OPEN_PARENTHESIS);
            }
            postFilters.add(parseLabelFilter());
        }
        return new Unwrap(label, conversion, postFilters);
    }

    private SampleExpr parseVectorAggregation() {
        VectorOp op = VectorOp.fromName(token.text().toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new IllegalStateException("lexer produced an unknown vector operation");
        }
        advance();
        Grouping grouping = null;
        if (token.type() == TokenType.BY || token.type() == TokenType.WITHOUT) {
            grouping = parseGrouping();
        }
        expect(TokenType.OPEN_PARENTHESIS);
        String parameterText = null;
        if (token.type() == TokenType.NUMBER && peek().type() == TokenType.COMMA) {
            parameterText = token.text();
            advance();
            advance();
        }
        SampleExpr inner = parseSampleOperand();
        expectWithoutHint(TokenType.CLOSE_PARENTHESIS);
        if (grouping == null && (token.type() == TokenType.BY || token.type() == TokenType.WITHOUT)) {
            grouping = parseGrouping();
        }
        int parameter = 0;
        String error = null;
        if (op.takesParameter()) {
            if (parameterText == null) {
                error = "parameter required for operation " + op.functionName();
            } else {
                try {
                    parameter = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(parameterText));
                    if (parameter <= 0) {
                        error = "invalid parameter (must be greater than 0) " + op.functionName() + "(" + parameterText;
                    }
                } catch (NumberFormatException e) {
                    error = "invalid parameter " + op.functionName() + "(" + parameterText + ",";
                }
            }
        } else if (parameterText != null) {
            error = "unsupported parameter for operation " + op.functionName() + "(" + parameterText + ",";
        }
        return withError(
                new VectorAggregationExpr(op, inner, grouping == null ? Grouping.NONE : grouping, parameter), error);
    }

    private SampleExpr parseLabelReplace() {
        advance();
        expect(TokenType.OPEN_PARENTHESIS);
        SampleExpr inner = parseSampleOperand();
        expectWithoutHint(TokenType.COMMA);
        String destination = expect(TokenType.STRING).text();
        expect(TokenType.COMMA);
        String replacement = expect(TokenType.STRING).text();
        expect(TokenType.COMMA);
        String source = expect(TokenType.STRING).text();
        expect(TokenType.COMMA);
        String regex = expect(TokenType.STRING).text();
        expect(TokenType.CLOSE_PARENTHESIS);
        String error = Re2.validate("^(?:" + regex + ")$");
        return withError(
                new LabelReplaceExpr(inner, destination, replacement, source, regex),
                error == null ? null : "invalid regex in label_replace: " + error);
    }

    private SampleExpr parseVector() {
        advance();
        expect(TokenType.OPEN_PARENTHESIS);
        Token number = expect(TokenType.NUMBER);
        expect(TokenType.CLOSE_PARENTHESIS);
        return withError(
                new VectorExpr(goParseFloat(number.text())),
                floatError(number.text(), "unable to parse vectorExpr as a float: "));
    }

    private Grouping parseGrouping() {
        boolean without = token.type() == TokenType.WITHOUT;
        advance();
        return new Grouping(without, parseLabelList());
    }

    /** {@code ( a, b )}, possibly empty. */
    private List<String> parseLabelList() {
        expect(TokenType.OPEN_PARENTHESIS);
        List<String> labels = new ArrayList<>();
        if (token.type() == TokenType.CLOSE_PARENTHESIS) {
            advance();
            return labels;
        }
        if (token.type() != TokenType.IDENTIFIER) {
            throw syntaxError(TokenType.IDENTIFIER, TokenType.CLOSE_PARENTHESIS);
        }
        labels.add(token.text());
        advance();
        while (token.type() == TokenType.COMMA) {
            advance();
            labels.add(expect(TokenType.IDENTIFIER).text());
        }
        if (token.type() != TokenType.CLOSE_PARENTHESIS) {
            throw syntaxError(TokenType.COMMA, TokenType.CLOSE_PARENTHESIS);
        }
        advance();
        return labels;
    }

    // ---- log queries ----

    private LogSelectorExpr parseLogExpr() {
        List<LabelMatcher> matchers = parseSelector();
        return new LogSelectorExpr(matchers, parseStages(false));
    }

    private List<LabelMatcher> parseSelector() {
        expect(TokenType.OPEN_BRACE);
        List<LabelMatcher> matchers = new ArrayList<>();
        if (token.type() == TokenType.CLOSE_BRACE) {
            advance();
            return matchers;
        }
        if (token.type() != TokenType.IDENTIFIER) {
            throw syntaxError(TokenType.IDENTIFIER, TokenType.CLOSE_BRACE);
        }
        while (true) {
            matchers.add(parseMatcher(expect(TokenType.IDENTIFIER).text()));
            if (token.type() == TokenType.CLOSE_BRACE) {
                advance();
                return matchers;
            }
            if (token.type() != TokenType.COMMA) {
                throw syntaxError(TokenType.CLOSE_BRACE, TokenType.COMMA);
            }
            advance();
        }
    }

    /** The operator and value of a matcher whose name was just consumed. */
    private LabelMatcher parseMatcher(String name) {
        LabelMatcher.Type type = matcherType(token.type());
        if (type == null) {
            throw syntaxError(TokenType.EQ, TokenType.RE, TokenType.NRE, TokenType.NEQ);
        }
        advance();
        return newMatcher(name, type, expect(TokenType.STRING).text());
    }

    private static LabelMatcher newMatcher(String name, LabelMatcher.Type type, String value) {
        if (type.isRegex()) {
            String error = Re2.validate(value);
            if (error != null) {
                throw LogqlParseException.unpositioned(error);
            }
        }
        return new LabelMatcher(name, type, value);
    }

    private static LabelMatcher.@Nullable Type matcherType(TokenType type) {
        return switch (type) {
            case EQ -> LabelMatcher.Type.EQUAL;
            case NEQ -> LabelMatcher.Type.NOT_EQUAL;
            case RE -> LabelMatcher.Type.REGEX;
            case NRE -> LabelMatcher.Type.NOT_REGEX;
            default -> null;
        };
    }

    private List<PipelineStage> parseStages(boolean inRange) {
        List<PipelineStage> stages = new ArrayList<>();
        while (true) {
            LineFilterOp lineFilterOp = lineFilterOp(token.type());
            if (lineFilterOp != null) {
                parseLineFilter(lineFilterOp, stages);
                continue;
            }
            if (token.type() != TokenType.PIPE || (inRange && peek().type() == TokenType.UNWRAP)) {
                return stages;
            }
            advance();
            stages.add(parsePipeStage());
        }
    }

    private static @Nullable LineFilterOp lineFilterOp(TokenType type) {
        return switch (type) {
            case PIPE_EXACT -> LineFilterOp.CONTAINS;
            case NEQ -> LineFilterOp.NOT_CONTAINS;
            case PIPE_MATCH -> LineFilterOp.MATCHES_REGEX;
            case NRE -> LineFilterOp.NOT_MATCHES_REGEX;
            case PIPE_PATTERN -> LineFilterOp.MATCHES_PATTERN;
            case NPA -> LineFilterOp.NOT_MATCHES_PATTERN;
            default -> null;
        };
    }

    private void parseLineFilter(LineFilterOp op, List<PipelineStage> stages) {
        advance();
        List<LineFilterTerm> terms = new ArrayList<>();
        terms.add(parseLineFilterTerm());
        while (token.type() == TokenType.OR) {
            advance();
            terms.add(parseLineFilterTerm());
        }
        if (op.isNegated()) {
            // !(a or b) is !a and !b: Loki turns the chain into separate filters.
            for (LineFilterTerm term : terms) {
                stages.add(new PipelineStage.LineFilter(op, List.of(term)));
            }
        } else {
            stages.add(new PipelineStage.LineFilter(op, terms));
        }
    }

    private LineFilterTerm parseLineFilterTerm() {
        if (token.type() == TokenType.STRING) {
            String value = token.text();
            advance();
            return new LineFilterTerm(value, false);
        }
        if (token.type() == TokenType.IP) {
            advance();
            expect(TokenType.OPEN_PARENTHESIS);
            String value = expect(TokenType.STRING).text();
            expect(TokenType.CLOSE_PARENTHESIS);
            return new LineFilterTerm(value, true);
        }
        throw syntaxError(TokenType.STRING, TokenType.IP);
    }

    private PipelineStage parsePipeStage() {
        switch (token.type()) {
            case LOGFMT -> {
                advance();
                boolean strict = false;
                boolean keepEmpty = false;
                while (token.type() == TokenType.PARSER_FLAG) {
                    strict |= token.text().equals("--strict");
                    keepEmpty |= token.text().equals("--keep-empty");
                    advance();
                }
                List<LabelExtraction> extractions =
                        token.type() == TokenType.IDENTIFIER ? parseExtractions() : List.of();
                return new PipelineStage.LogfmtParser(strict, keepEmpty, extractions);
            }
            case JSON -> {
                advance();
                return new PipelineStage.JsonParser(
                        token.type() == TokenType.IDENTIFIER ? parseExtractions() : List.of());
            }
            case REGEXP -> {
                advance();
                String regex = expect(TokenType.STRING).text();
                ExprValidator.checkRegexpParser(regex);
                return new PipelineStage.RegexpParser(regex);
            }
            case PATTERN -> {
                advance();
                String pattern = expect(TokenType.STRING).text();
                ExprValidator.checkPatternParser(pattern);
                return new PipelineStage.PatternParser(pattern);
            }
            case UNPACK -> {
                advance();
                return new PipelineStage.UnpackParser();
            }
            case LINE_FMT -> {
                advance();
                return new PipelineStage.LineFormat(expect(TokenType.STRING).text());
            }
            case LABEL_FMT -> {
                advance();
                return new PipelineStage.LabelFormat(parseLabelFormatRules());
            }
            case DECOLORIZE -> {
                advance();
                return new PipelineStage.Decolorize();
            }
            case DROP -> {
                advance();
                return new PipelineStage.DropLabels(parseNamedLabels());
            }
            case KEEP -> {
                advance();
                return new PipelineStage.KeepLabels(parseNamedLabels());
            }
            case IDENTIFIER, OPEN_PARENTHESIS -> {
                return new PipelineStage.LabelFilterStage(parseLabelFilter());
            }
            default -> throw syntaxError();
        }
    }

    private List<LabelExtraction> parseExtractions() {
        List<LabelExtraction> extractions = new ArrayList<>();
        while (true) {
            String label = expect(TokenType.IDENTIFIER).text();
            if (token.type() == TokenType.EQ) {
                advance();
                extractions.add(
                        new LabelExtraction(label, expect(TokenType.STRING).text()));
            } else {
                extractions.add(new LabelExtraction(label, label));
            }
            if (token.type() != TokenType.COMMA) {
                return extractions;
            }
            advance();
        }
    }

    private List<LabelFormatRule> parseLabelFormatRules() {
        List<LabelFormatRule> rules = new ArrayList<>();
        while (true) {
            String name = expect(TokenType.IDENTIFIER).text();
            expect(TokenType.EQ);
            if (token.type() == TokenType.IDENTIFIER) {
                rules.add(new LabelFormatRule(name, token.text(), true));
            } else if (token.type() == TokenType.STRING) {
                rules.add(new LabelFormatRule(name, token.text(), false));
            } else {
                throw syntaxError(TokenType.IDENTIFIER, TokenType.STRING);
            }
            advance();
            if (token.type() != TokenType.COMMA) {
                return rules;
            }
            advance();
        }
    }

    private List<NamedLabel> parseNamedLabels() {
        List<NamedLabel> labels = new ArrayList<>();
        while (true) {
            String name = expect(TokenType.IDENTIFIER).text();
            if (matcherType(token.type()) != null) {
                labels.add(new NamedLabel(name, parseMatcher(name)));
            } else {
                labels.add(new NamedLabel(name, null));
            }
            if (token.type() != TokenType.COMMA) {
                return labels;
            }
            advance();
        }
    }

    // ---- label filters: "and" binds tighter than "or"; "," and juxtaposition take everything to their right ----

    private LabelFilter parseLabelFilter() {
        LabelFilter left = parseLabelFilterAnd();
        while (token.type() == TokenType.OR) {
            advance();
            left = new LabelFilter.Or(left, parseLabelFilterAnd());
        }
        return left;
    }

    private LabelFilter parseLabelFilterAnd() {
        LabelFilter left = parseLabelFilterSequence();
        while (token.type() == TokenType.AND) {
            advance();
            left = new LabelFilter.And(left, parseLabelFilterSequence());
        }
        return left;
    }

    private LabelFilter parseLabelFilterSequence() {
        LabelFilter first = parseLabelFilterPrimary();
        if (token.type() == TokenType.COMMA) {
            advance();
            return new LabelFilter.And(first, parseLabelFilter());
        }
        if (token.type() == TokenType.IDENTIFIER || token.type() == TokenType.OPEN_PARENTHESIS) {
            return new LabelFilter.And(first, parseLabelFilter());
        }
        return first;
    }

    private LabelFilter parseLabelFilterPrimary() {
        if (token.type() == TokenType.OPEN_PARENTHESIS) {
            advance();
            LabelFilter inner = parseLabelFilter();
            expect(TokenType.CLOSE_PARENTHESIS);
            return inner;
        }
        String name = expect(TokenType.IDENTIFIER).text();
        TokenType operator = token.type();
        ComparisonOp comparison = switch (operator) {
            case EQ, CMP_EQ -> ComparisonOp.EQUAL;
            case NEQ -> ComparisonOp.NOT_EQUAL;
            case GT -> ComparisonOp.GREATER;
            case GTE -> ComparisonOp.GREATER_OR_EQUAL;
            case LT -> ComparisonOp.LESS;
            case LTE -> ComparisonOp.LESS_OR_EQUAL;
            case RE, NRE -> null;
            default -> throw syntaxError();
        };
        advance();
        if (comparison == null
                || ((operator == TokenType.EQ || operator == TokenType.NEQ) && token.type() == TokenType.STRING)) {
            LabelMatcher.Type type = matcherType(operator);
            if (type == null) {
                throw new IllegalStateException("not a matcher operator: " + operator);
            }
            return new LabelFilter.StringFilter(
                    newMatcher(name, type, expect(TokenType.STRING).text()));
        }
        if ((operator == TokenType.EQ || operator == TokenType.NEQ) && token.type() == TokenType.IP) {
            advance();
            expect(TokenType.OPEN_PARENTHESIS);
            String pattern = expect(TokenType.STRING).text();
            expect(TokenType.CLOSE_PARENTHESIS);
            return new LabelFilter.IpFilter(name, operator == TokenType.NEQ, pattern);
        }
        return switch (token.type()) {
            case DURATION -> {
                Duration value = token.durationValue();
                advance();
                yield new LabelFilter.DurationFilter(name, comparison, value);
            }
            case BYTES -> {
                long value = token.bytes();
                advance();
                yield new LabelFilter.BytesFilter(name, comparison, value);
            }
            case NUMBER, ADD, SUB -> new LabelFilter.NumericFilter(name, comparison, parseSignedNumber());
            default -> throw syntaxError();
        };
    }

    // ---- tokens ----

    private void advance() {
        if (peeked != null) {
            token = peeked;
            peeked = null;
        } else {
            token = lexer.next();
        }
    }

    private Token peek() {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    /** Consumes a token of {@code type}; otherwise fails naming it as the one expected, as Loki does. */
    private Token expect(TokenType type) {
        if (token.type() != type) {
            throw syntaxError(type);
        }
        Token consumed = token;
        advance();
        return consumed;
    }

    /** Like {@link #expect} where Loki's parser would accept too many tokens to list them. */
    private Token expectWithoutHint(TokenType type) {
        if (token.type() != type) {
            throw syntaxError();
        }
        Token consumed = token;
        advance();
        return consumed;
    }

    private LogqlParseException syntaxError(TokenType... expected) {
        StringBuilder message = new StringBuilder("syntax error: unexpected ").append(token.displayName());
        for (int i = 0; i < expected.length; i++) {
            message.append(i == 0 ? ", expecting " : " or ").append(expected[i].displayName());
        }
        return new LogqlParseException(message.toString(), token.line(), token.column());
    }
}
