package io.skald.logql.log.template;

import io.skald.logql.log.golang.GoDuration;
import io.skald.logql.log.golang.GoFloat;
import io.skald.logql.log.golang.GoSyntaxException;
import io.skald.logql.log.golang.HumanBytes;
import io.skald.logql.log.golang.RegexpExpand;
import io.skald.logql.log.template.TemplateFunction.ParamType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The functions Loki registers for {@code line_format}/{@code label_format}: its own, Sprig's subset, Go's builtins. */
final class TemplateFunctions {
    private static final Map<String, TemplateFunction> FUNCTIONS = new HashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builtins the executor evaluates itself (lazy or special). */
    static final Set<String> SPECIAL = Set.of("and", "or");

    private TemplateFunctions() {}

    static @Nullable TemplateFunction get(String name) {
        return FUNCTIONS.get(name);
    }

    static Set<String> names() {
        Set<String> names = new java.util.HashSet<>(FUNCTIONS.keySet());
        names.addAll(SPECIAL);
        return names;
    }

    private static void define(
            String name, List<ParamType> params, @Nullable ParamType variadic, TemplateFunction.Body body) {
        FUNCTIONS.put(name, new TemplateFunction(name, params, variadic, body));
    }

    private static void string1(String name, java.util.function.UnaryOperator<String> f) {
        define(name, List.of(ParamType.STRING), null, (a, e) -> f.apply(str(a, 0)));
    }

    private static String str(List<@Nullable Object> args, int i) {
        return (String) java.util.Objects.requireNonNull(args.get(i));
    }

    private static int integer(List<@Nullable Object> args, int i) {
        return (Integer) java.util.Objects.requireNonNull(args.get(i));
    }

    private static GoTime time(List<@Nullable Object> args, int i) {
        return (GoTime) java.util.Objects.requireNonNull(args.get(i));
    }

    static {
        ParamType s = ParamType.STRING;
        ParamType any = ParamType.ANY;
        // Loki's own functions (and the Go strings ones it exposes).
        string1("ToLower", v -> v.toLowerCase(Locale.ROOT));
        string1("ToUpper", v -> v.toUpperCase(Locale.ROOT));
        string1("TrimSpace", TemplateFunctions::trimSpace);
        define(
                "Replace",
                List.of(s, s, s, ParamType.INT),
                null,
                (a, e) -> replace(str(a, 0), str(a, 1), str(a, 2), integer(a, 3)));
        define("Trim", List.of(s, s), null, (a, e) -> trimCutset(str(a, 0), str(a, 1), true, true));
        define("TrimLeft", List.of(s, s), null, (a, e) -> trimCutset(str(a, 0), str(a, 1), true, false));
        define("TrimRight", List.of(s, s), null, (a, e) -> trimCutset(str(a, 0), str(a, 1), false, true));
        define("TrimPrefix", List.of(s, s), null, (a, e) -> trimPrefix(str(a, 0), str(a, 1)));
        define("TrimSuffix", List.of(s, s), null, (a, e) -> trimSuffix(str(a, 0), str(a, 1)));
        define(
                "regexReplaceAll",
                List.of(s, s, s),
                null,
                (a, e) -> regexReplace(str(a, 0), str(a, 1), str(a, 2), false));
        define(
                "regexReplaceAllLiteral",
                List.of(s, s, s),
                null,
                (a, e) -> regexReplace(str(a, 0), str(a, 1), str(a, 2), true));
        define("count", List.of(s, s), null, (a, e) -> {
            Matcher m = compile(str(a, 0)).matcher(str(a, 1));
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        });
        define("urldecode", List.of(s), null, (a, e) -> urlDecode(str(a, 0)));
        string1("urlencode", TemplateFunctions::urlEncode);
        define("bytes", List.of(s), null, (a, e) -> {
            try {
                return HumanBytes.toDouble(HumanBytes.parse(str(a, 0).replace(" ", "")));
            } catch (GoSyntaxException ex) {
                throw new FunctionError(ex.getMessage());
            }
        });
        TemplateFunction.Body duration = (a, e) -> {
            try {
                return GoDuration.seconds(GoDuration.parse(str(a, 0)));
            } catch (GoSyntaxException ex) {
                throw new FunctionError(ex.getMessage());
            }
        };
        define("duration", List.of(s), null, duration);
        define("duration_seconds", List.of(s), null, duration);
        define(
                "unixEpochMillis",
                List.of(ParamType.TIME),
                null,
                (a, e) -> Long.toString(time(a, 0).unixMillis()));
        define(
                "unixEpochNanos",
                List.of(ParamType.TIME),
                null,
                (a, e) -> Long.toString(time(a, 0).unixNanos()));
        define(
                "unixEpoch",
                List.of(ParamType.TIME),
                null,
                (a, e) -> Long.toString(time(a, 0).unixSeconds()));
        define("toDateInZone", List.of(s, s, s), null, (a, e) -> {
            ZoneId zone;
            try {
                zone = ZoneId.of(str(a, 1));
            } catch (DateTimeException ex) {
                zone = ZoneOffset.UTC;
            }
            GoTime parsed = GoTimeLayout.parse(str(a, 0), str(a, 2), zone);
            return parsed == null ? GoTime.ZERO : parsed;
        });
        define("toDate", List.of(s, s), null, (a, e) -> {
            GoTime parsed = GoTimeLayout.parse(str(a, 0), str(a, 1), ZoneOffset.UTC);
            return parsed == null ? GoTime.ZERO : parsed;
        });
        define("now", List.of(), null, (a, e) -> GoTime.ofUnixNanos(System.currentTimeMillis() * 1_000_000L));
        define("date", List.of(s, any), null, (a, e) -> {
            Object value = a.get(1);
            GoTime t;
            if (value instanceof GoTime gt) {
                t = gt;
            } else if (GoValues.isInteger(value)) {
                t = GoTime.ofUnixSeconds(GoValues.toInt64(value));
            } else {
                t = GoTime.ofUnixNanos(System.currentTimeMillis() * 1_000_000L);
            }
            return GoTimeLayout.format(t.in(ZoneOffset.UTC), str(a, 0));
        });
        define("unixToTime", List.of(s), null, (a, e) -> unixToTime(str(a, 0)));
        define("alignLeft", List.of(ParamType.INT, s), null, (a, e) -> align(integer(a, 0), str(a, 1), true));
        define("alignRight", List.of(ParamType.INT, s), null, (a, e) -> align(integer(a, 0), str(a, 1), false));
        define("__line__", List.of(), null, (a, e) -> e.line());
        define("__timestamp__", List.of(), null, (a, e) -> GoTime.ofUnixNanos(e.timestampNanos()));
        // Sprig.
        string1("b64enc", v -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
        string1("b64dec", v -> {
            try {
                return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                return "illegal base64 data at input byte " + badBase64Index(v);
            }
        });
        string1("lower", v -> v.toLowerCase(Locale.ROOT));
        string1("upper", v -> v.toUpperCase(Locale.ROOT));
        string1("title", TemplateFunctions::title);
        string1("trim", TemplateFunctions::trimSpace);
        define("trunc", List.of(ParamType.INT, s), null, (a, e) -> trunc(integer(a, 0), str(a, 1)));
        define(
                "substr",
                List.of(ParamType.INT, ParamType.INT, s),
                null,
                (a, e) -> substr(integer(a, 0), integer(a, 1), str(a, 2)));
        define("contains", List.of(s, s), null, (a, e) -> str(a, 1).contains(str(a, 0)));
        define("hasPrefix", List.of(s, s), null, (a, e) -> str(a, 1).startsWith(str(a, 0)));
        define("hasSuffix", List.of(s, s), null, (a, e) -> str(a, 1).endsWith(str(a, 0)));
        define("indent", List.of(ParamType.INT, s), null, (a, e) -> indent(integer(a, 0), str(a, 1)));
        define("nindent", List.of(ParamType.INT, s), null, (a, e) -> "\n" + indent(integer(a, 0), str(a, 1)));
        define("replace", List.of(s, s, s), null, (a, e) -> replace(str(a, 2), str(a, 0), str(a, 1), -1));
        define("repeat", List.of(ParamType.INT, s), null, (a, e) -> {
            int count = integer(a, 0);
            if (count < 0) {
                throw new FunctionError("strings: negative Repeat count");
            }
            return str(a, 1).repeat(count);
        });
        define("trimAll", List.of(s, s), null, (a, e) -> trimCutset(str(a, 1), str(a, 0), true, true));
        define("trimSuffix", List.of(s, s), null, (a, e) -> trimSuffix(str(a, 1), str(a, 0)));
        define("trimPrefix", List.of(s, s), null, (a, e) -> trimPrefix(str(a, 1), str(a, 0)));
        define("int", List.of(any), null, (a, e) -> (int) GoValues.toInt64(a.get(0)));
        define("float64", List.of(any), null, (a, e) -> GoValues.toFloat64(a.get(0)));
        define("add", List.of(), any, (a, e) -> {
            long sum = 0;
            for (Object v : a) {
                sum += GoValues.toInt64(v);
            }
            return sum;
        });
        define("sub", List.of(any, any), null, (a, e) -> GoValues.toInt64(a.get(0)) - GoValues.toInt64(a.get(1)));
        define("mul", List.of(any), any, (a, e) -> {
            long product = GoValues.toInt64(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                product *= GoValues.toInt64(a.get(i));
            }
            return product;
        });
        define("div", List.of(any, any), null, (a, e) -> {
            long divisor = GoValues.toInt64(a.get(1));
            if (divisor == 0) {
                throw new FunctionError("runtime error: integer divide by zero");
            }
            return GoValues.toInt64(a.get(0)) / divisor;
        });
        define("mod", List.of(any, any), null, (a, e) -> {
            long divisor = GoValues.toInt64(a.get(1));
            if (divisor == 0) {
                throw new FunctionError("runtime error: integer divide by zero");
            }
            return GoValues.toInt64(a.get(0)) % divisor;
        });
        define("max", List.of(any), any, (a, e) -> {
            long best = GoValues.toInt64(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                best = Math.max(best, GoValues.toInt64(a.get(i)));
            }
            return best;
        });
        define("min", List.of(any), any, (a, e) -> {
            long best = GoValues.toInt64(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                best = Math.min(best, GoValues.toInt64(a.get(i)));
            }
            return best;
        });
        define("maxf", List.of(any), any, (a, e) -> {
            double best = GoValues.toFloat64(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                best = Math.max(best, GoValues.toFloat64(a.get(i)));
            }
            return best;
        });
        define("minf", List.of(any), any, (a, e) -> {
            double best = GoValues.toFloat64(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                best = Math.min(best, GoValues.toFloat64(a.get(i)));
            }
            return best;
        });
        define("addf", List.of(), any, (a, e) -> decimalOp(0.0, a, 0, BigDecimal::add));
        define("subf", List.of(any), any, (a, e) -> decimalOp(a.get(0), a, 1, BigDecimal::subtract));
        define("mulf", List.of(any), any, (a, e) -> decimalOp(a.get(0), a, 1, BigDecimal::multiply));
        define(
                "divf",
                List.of(any),
                any,
                (a, e) -> decimalOp(a.get(0), a, 1, (x, y) -> {
                    if (y.signum() == 0) {
                        throw new ArithmeticException("decimal division by zero");
                    }
                    return x.divide(y, 16, RoundingMode.HALF_UP);
                }));
        define("ceil", List.of(any), null, (a, e) -> Math.ceil(GoValues.toFloat64(a.get(0))));
        define("floor", List.of(any), null, (a, e) -> Math.floor(GoValues.toFloat64(a.get(0))));
        define("round", List.of(any, ParamType.INT), ParamType.FLOAT64, (a, e) -> {
            double roundOn = a.size() > 2 ? (Double) java.util.Objects.requireNonNull(a.get(2)) : 0.5;
            double value = GoValues.toFloat64(a.get(0));
            double pow = Math.pow(10, integer(a, 1));
            double digit = pow * value;
            double fraction = digit % 1.0;
            double rounded = fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit);
            return rounded / pow;
        });
        define("fromJson", List.of(s), null, (a, e) -> fromJson(str(a, 0)));
        define("default", List.of(any), any, (a, e) -> {
            if (a.size() < 2 || GoValues.isEmpty(a.get(1))) {
                return a.get(0);
            }
            return a.get(1);
        });
        // Go builtins (and/or are lazy: see TemplateExecutor).
        define("not", List.of(any), null, (a, e) -> !GoValues.isTrue(a.get(0)));
        define("len", List.of(any), null, (a, e) -> {
            Object v = a.get(0);
            return switch (v) {
                case String str -> str.getBytes(StandardCharsets.UTF_8).length;
                case Map<?, ?> m -> m.size();
                case List<?> l -> l.size();
                case null, default -> throw new FunctionError("len of type " + GoValues.typeName(v));
            };
        });
        define("print", List.of(), any, (a, e) -> sprint(a));
        define("println", List.of(), any, (a, e) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(GoValues.print(a.get(i)));
            }
            return out.append('\n').toString();
        });
        define("printf", List.of(s), any, (a, e) -> GoFormat.sprintf(str(a, 0), a.subList(1, a.size())));
        define("urlquery", List.of(), any, (a, e) -> urlEncode(sprint(a)));
        define("html", List.of(), any, (a, e) -> htmlEscape(sprint(a)));
        define("js", List.of(), any, (a, e) -> jsEscape(sprint(a)));
        define("slice", List.of(any), any, (a, e) -> {
            if (!(a.get(0) instanceof String text)) {
                throw new FunctionError("can't slice item of type " + GoValues.typeName(a.get(0)));
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int from = a.size() > 1 ? (int) GoValues.toInt64(a.get(1)) : 0;
            int to = a.size() > 2 ? (int) GoValues.toInt64(a.get(2)) : bytes.length;
            if (a.size() > 3) {
                throw new FunctionError("cannot 3-index slice a string");
            }
            if (from < 0 || to < from || to > bytes.length) {
                throw new FunctionError("index out of range: " + (from < 0 ? from : to));
            }
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        });
        define("index", List.of(any), any, (a, e) -> {
            Object item = a.get(0);
            for (int i = 1; i < a.size(); i++) {
                Object key = a.get(i);
                if (item instanceof Map<?, ?> m) {
                    item = m.get(String.valueOf(key));
                } else if (item instanceof List<?> l && GoValues.isInteger(key)) {
                    long index = GoValues.toInt64(key);
                    if (index < 0 || index >= l.size()) {
                        throw new FunctionError("error calling index: index out of range: " + index);
                    }
                    item = l.get((int) index);
                } else {
                    throw new FunctionError("can't index item of type " + GoValues.typeName(item));
                }
            }
            return item;
        });
        define("eq", List.of(any), any, (a, e) -> {
            if (a.size() < 2) {
                throw new FunctionError("missing argument for comparison");
            }
            for (int i = 1; i < a.size(); i++) {
                if (Comparisons.compare(a.get(0), a.get(i), true) == 0) {
                    return true;
                }
            }
            return false;
        });
        define("ne", List.of(any, any), null, (a, e) -> Comparisons.compare(a.get(0), a.get(1), true) != 0);
        define("lt", List.of(any, any), null, (a, e) -> Comparisons.compare(a.get(0), a.get(1), false) < 0);
        define("le", List.of(any, any), null, (a, e) -> Comparisons.compare(a.get(0), a.get(1), false) <= 0);
        define("gt", List.of(any, any), null, (a, e) -> Comparisons.compare(a.get(0), a.get(1), false) > 0);
        define("ge", List.of(any, any), null, (a, e) -> Comparisons.compare(a.get(0), a.get(1), false) >= 0);
    }

    private static String sprint(List<@Nullable Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            boolean isString = v instanceof String;
            if (i > 0 && !isString && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.print(v));
        }
        return out.toString();
    }

    private static Pattern compile(String regex) throws FunctionError {
        try {
            return io.skald.logql.log.GoRegex.compile(regex).pattern();
        } catch (IllegalArgumentException e) {
            throw new FunctionError("error parsing regexp: " + e.getMessage());
        }
    }

    /** Go's {@code ReplaceAllString} ({@code $1}, {@code ${name}} expansion) or {@code ReplaceAllLiteralString}. */
    private static String regexReplace(String regex, String input, String replacement, boolean literal)
            throws FunctionError {
        io.skald.logql.log.GoRegex compiled;
        try {
            compiled = io.skald.logql.log.GoRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new FunctionError("error parsing regexp: " + e.getMessage());
        }
        Matcher m = compiled.pattern().matcher(input);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(input, last, m.start());
            if (literal) {
                out.append(replacement);
            } else {
                RegexpExpand.expand(out, replacement, m, compiled.groupNames());
            }
            last = m.end();
        }
        out.append(input, last, input.length());
        return out.toString();
    }

    /** Go's {@code template.HTMLEscapeString}. */
    private static String htmlEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&#34;");
                case 0 -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Go's {@code template.JSEscapeString}. */
    private static String jsEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousLetter = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean letter = Character.isLetterOrDigit(cp) || cp == '_' || cp == '\'';
            out.appendCodePoint(letter && !previousLetter ? Character.toTitleCase(cp) : cp);
            previousLetter = letter;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String trimSpace(String s) {
        return s.strip();
    }

    private static String replace(String s, String old, String replacement, int n) {
        if (n < 0) {
            if (old.isEmpty()) {
                StringBuilder out = new StringBuilder(replacement);
                s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
                return out.toString();
            }
            return s.replace(old, replacement);
        }
        String result = s;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int index = result.indexOf(old, from);
            if (index < 0) {
                break;
            }
            result = result.substring(0, index) + replacement + result.substring(index + old.length());
            from = index + replacement.length() + (old.isEmpty() ? 1 : 0);
        }
        return result;
    }

    private static String trimCutset(String s, String cutset, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static String trimPrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static String trimSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    private static String trunc(int count, String s) {
        int[] runes = s.codePoints().toArray();
        int length = runes.length;
        if (count < 0 && length + count > 0) {
            return new String(runes, length + count, -count);
        }
        if (count >= 0 && length > count) {
            return new String(runes, 0, count);
        }
        return s;
    }

    private static String substr(int start, int end, String s) {
        int[] runes = s.codePoints().toArray();
        int length = runes.length;
        int from = Math.min(start, length);
        int to = Math.min(end, length);
        if (from < 0) {
            return to < 0 ? "" : new String(runes, 0, to);
        }
        if (to < 0) {
            return new String(runes, from, length - from);
        }
        if (from > to) {
            return "";
        }
        return new String(runes, from, to - from);
    }

    private static String indent(int spaces, String v) {
        String pad = " ".repeat(Math.max(spaces, 0));
        return pad + v.replace("\n", "\n" + pad);
    }

    private static String align(int count, String src, boolean left) {
        int[] runes = src.codePoints().toArray();
        int length = runes.length;
        if (count < 0 || count == length) {
            return src;
        }
        int pad = count - length;
        if (pad > 0) {
            return left ? src + " ".repeat(pad) : " ".repeat(pad) + src;
        }
        return left ? new String(runes, 0, count) : new String(runes, length - count, count);
    }

    private static GoTime unixToTime(String epoch) throws FunctionError {
        long value;
        try {
            value = Long.parseLong(epoch);
            if (!epoch.matches("[+-]?[0-9]+")) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new FunctionError("unable to parse time '" + epoch + "': strconv.ParseInt: parsing "
                    + io.skald.logql.log.golang.GoStrings.quote(epoch) + ": invalid syntax");
        }
        return switch (epoch.length()) {
            case 5 -> GoTime.ofUnixSeconds(value * 86400);
            case 10 -> GoTime.ofUnixSeconds(value);
            case 13 -> GoTime.ofUnixNanos(value * 1_000_000L);
            case 19 -> GoTime.ofUnixNanos(value);
            default -> throw new FunctionError("unable to parse time '" + epoch + "': %!w(<nil>)");
        };
    }

    private static String urlEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String urlDecode(String s) throws FunctionError {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= bytes.length
                        || Character.digit(bytes[i + 1], 16) < 0
                        || Character.digit(bytes[i + 2], 16) < 0) {
                    String bad = s.substring(Math.min(i, s.length()), Math.min(s.length(), i + 3));
                    throw new FunctionError("invalid URL escape " + io.skald.logql.log.golang.GoStrings.quote(bad));
                }
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else if (b == '+') {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int badBase64Index(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
                return i;
            }
        }
        return v.length();
    }

    private static @Nullable Object fromJson(String text) {
        try {
            return toGo(JSON.readTree(text));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static @Nullable Object toGo(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new java.util.TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), toGo(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            node.forEach(child -> list.add(toGo(child)));
            return list;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNull()) {
            return null;
        }
        return node.asString();
    }

    /** Sprig's decimal arithmetic: each operand via {@code decimal.NewFromFloat(toFloat64(x))}. */
    private static double decimalOp(@Nullable Object first, List<@Nullable Object> args, int from, DecimalOp op)
            throws FunctionError {
        BigDecimal result = decimal(GoValues.toFloat64(first));
        try {
            for (int i = from; i < args.size(); i++) {
                result = op.apply(result, decimal(GoValues.toFloat64(args.get(i))));
            }
        } catch (ArithmeticException e) {
            throw new FunctionError(e.getMessage());
        }
        return result.round(MathContext.DECIMAL128).doubleValue();
    }

    private static BigDecimal decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(GoFloat.format(value).replace("e+", "e"));
    }

    /** A decimal operation. */
    private interface DecimalOp {
        BigDecimal apply(BigDecimal left, BigDecimal right);
    }
}
