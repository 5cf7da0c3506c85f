package io.skald.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The conformance corpus (recorded from Grafana Loki 3.7.6) and a faithful port of its runner's normalisation and
 * comparison ({@code conformance_lib.py}), shared by the engine-level and the whole-suite conformance tests.
 */
public final class Conformance {
    public static final String TENANT = "conformance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REL_TOL = 1e-9;
    private static final double ABS_TOL = 1e-12;
    private static final int MAX_DIFFS = 5;

    private Conformance() {}

    /** One recorded case. */
    public record Case(
            String id,
            String category,
            String endpoint,
            Map<String, Object> params,
            String method,
            boolean ordered,
            Map<String, Object> compare,
            int expectedStatus,
            @Nullable Object expected) {}

    /** Every case of every category file, in file order. */
    @SuppressWarnings("unchecked")
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String file : caseFiles()) {
            List<?> raw;
            try (InputStream in = resource("conformance/cases/" + file)) {
                raw = (List<?>) JSON.readValue(in, Object.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Object c : raw) {
                Map<String, Object> m = (Map<String, Object>) c;
                Object compare = m.get("compare");
                cases.add(new Case(
                        (String) m.get("id"),
                        (String) m.get("category"),
                        (String) m.get("endpoint"),
                        (Map<String, Object>) m.get("params"),
                        m.get("method") == null ? "GET" : (String) m.get("method"),
                        Boolean.TRUE.equals(m.get("ordered")),
                        compare == null ? Map.of() : (Map<String, Object>) compare,
                        ((Number) m.get("expected_status")).intValue(),
                        m.get("expected_body_normalized")));
            }
        }
        return cases;
    }

    /** The dataset document ({@code {"meta":..., "streams":[...]}}), which is also a valid Loki JSON push body. */
    public static byte[] datasetJson() {
        try (InputStream in = new java.util.zip.GZIPInputStream(resource("conformance/dataset.json.gz"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** conformance_lib.normalize: {@code {"error": msg}} for non-2xx, else the body with stats dropped and results sorted. */
    @SuppressWarnings("unchecked")
    public static Object normalize(String endpoint, int status, String body, boolean ordered) {
        if (status < 200 || status >= 300) {
            return Map.of("error", errorMessage(body));
        }
        Object doc;
        try {
            doc = JSON.readValue(body, Object.class);
        } catch (RuntimeException e) {
            return Map.of("raw", body.strip());
        }
        if (doc instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d) {
            Map<String, Object> data = (Map<String, Object>) d;
            data.remove("stats");
            if (data.get("resultType") instanceof String rt && data.get("result") instanceof List<?> r) {
                List<Object> result = (List<Object>) r;
                for (Object s : result) {
                    if (s instanceof Map<?, ?> series) {
                        for (String k : List.of("stream", "metric")) {
                            if (series.get(k) instanceof Map<?, ?> labels) {
                                ((Map<String, Object>) series).put(k, new TreeMap<>((Map<String, Object>) labels));
                            }
                        }
                    }
                }
                String key = switch (rt) {
                    case "streams" -> "stream";
                    case "matrix" -> "metric";
                    case "vector" -> ordered ? null : "metric";
                    default -> null;
                };
                if (key != null) {
                    result.sort(Comparator.comparing(s -> labelsKey(((Map<String, Object>) s).get(key))));
                }
            }
        } else if (doc instanceof Map<?, ?> m
                && m.get("data") instanceof List<?> list
                && endpoint.endsWith("/series")) {
            List<Object> sorted = new ArrayList<>();
            for (Object item : list) {
                sorted.add(item instanceof Map<?, ?> labels ? new TreeMap<>((Map<String, Object>) labels) : item);
            }
            sorted.sort(Comparator.comparing(Conformance::labelsKey));
            ((Map<String, Object>) m).put("data", sorted);
        }
        return doc;
    }

    /** conformance_lib.check_case: the differences, empty when the case passes. */
    public static List<String> check(Case c, int status, Object normalized) {
        List<String> diffs = new ArrayList<>();
        if (status != c.expectedStatus()) {
            diffs.add("status: expected " + c.expectedStatus() + ", got " + status);
        }
        Object prefix = c.compare().get("error_prefix");
        if (prefix instanceof String p
                && c.expected() instanceof Map<?, ?>
                && normalized instanceof Map<?, ?> n
                && n.get("error") instanceof String error) {
            if (!error.startsWith(p)) {
                diffs.add("$.error: expected a message starting with " + p + ", got " + error);
            }
            return diffs;
        }
        new Comparison(diffs, c.compare(), c.expected()).compare(c.expected(), normalized, "$", false, null);
        return diffs;
    }

    private static String errorMessage(String body) {
        String text = body.strip();
        try {
            if (JSON.readValue(text, Object.class) instanceof Map<?, ?> m) {
                for (String k : List.of("message", "error")) {
                    if (m.get(k) instanceof String s) {
                        return s.strip();
                    }
                }
            }
        } catch (RuntimeException e) {
            // Plain text, as Loki answers errors.
        }
        return text;
    }

    /** Python's {@code json.dumps(sorted(d.items()), ensure_ascii=False)}. */
    static String labelsKey(@Nullable Object labels) {
        StringBuilder out = new StringBuilder("[");
        if (labels instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                out.append(first ? "" : ", ").append('[');
                quote(out, String.valueOf(e.getKey()));
                out.append(", ");
                quote(out, String.valueOf(e.getValue()));
                out.append(']');
                first = false;
            }
        }
        return out.append(']').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** conformance_lib.compare with the per-case options ignore_keys, approx_keys and approx_samples. */
    private static final class Comparison {
        private final List<String> diffs;
        private final boolean numeric;
        private final Set<Object> ignore;
        private final Map<?, ?> approx;
        private final double @Nullable [] sampleTolerance;

        Comparison(List<String> diffs, Map<String, Object> options, @Nullable Object expected) {
            this.diffs = diffs;
            this.numeric = expected instanceof Map<?, ?> e
                    && e.get("data") instanceof Map<?, ?> d
                    && Set.of("matrix", "vector", "scalar").contains(String.valueOf(d.get("resultType")));
            this.ignore = options.get("ignore_keys") instanceof List<?> keys ? Set.copyOf(keys) : Set.of();
            this.approx = options.get("approx_keys") instanceof Map<?, ?> m ? m : Map.of();
            this.sampleTolerance = tolerance(options.get("approx_samples"));
        }

        void compare(@Nullable Object e, @Nullable Object a, String path, boolean inSample, double @Nullable [] tol) {
            if (diffs.size() >= MAX_DIFFS) {
                return;
            }
            if (inSample || tol != null) {
                Double ne = num(e);
                Double na = num(a);
                if (ne != null && na != null && (e instanceof String) == (a instanceof String)) {
                    double[] t = tol != null
                            ? tol
                            : (sampleTolerance != null && path.endsWith("[1]") ? sampleTolerance : null);
                    if (!close(ne, na, t)) {
                        diffs.add(path + ": expected " + e + ", got " + a);
                    }
                    return;
                }
            }
            if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
                for (Map.Entry<?, ?> entry : em.entrySet()) {
                    Object k = entry.getKey();
                    if (ignore.contains(k)) {
                        continue;
                    }
                    if (!am.containsKey(k)) {
                        diffs.add(path + ": missing key " + k);
                    } else {
                        boolean sample = inSample
                                || (numeric
                                        && ("values".equals(k) || "value".equals(k))
                                        && path.startsWith("$.data.result"));
                        if (numeric
                                && path.equals("$.data")
                                && "result".equals(k)
                                && "scalar".equals(em.get("resultType"))) {
                            sample = true;
                        }
                        compare(entry.getValue(), am.get(k), path + "." + k, sample, tolerance(approx.get(k)));
                    }
                    if (diffs.size() >= MAX_DIFFS) {
                        return;
                    }
                }
                for (Object k : am.keySet()) {
                    if (!em.containsKey(k) && !ignore.contains(k)) {
                        diffs.add(path + ": unexpected key " + k);
                    }
                }
                return;
            }
            if (e instanceof List<?> el && a instanceof List<?> al) {
                if (el.size() != al.size()) {
                    diffs.add(path + ": expected " + el.size() + " items, got " + al.size());
                }
                for (int i = 0; i < Math.min(el.size(), al.size()); i++) {
                    compare(el.get(i), al.get(i), path + "[" + i + "]", inSample, null);
                    if (diffs.size() >= MAX_DIFFS) {
                        return;
                    }
                }
                return;
            }
            if (!sameScalar(e, a)) {
                diffs.add(path + ": expected " + shorten(String.valueOf(e)) + ", got " + shorten(String.valueOf(a)));
            }
        }

        private static double @Nullable [] tolerance(@Nullable Object value) {
            if (value instanceof List<?> list && list.size() == 2) {
                return new double[] {((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue()};
            }
            return null;
        }

        private static boolean sameScalar(@Nullable Object e, @Nullable Object a) {
            if (e instanceof Number ne && a instanceof Number na) {
                boolean eInt = !(ne instanceof Double || ne instanceof Float);
                boolean aInt = !(na instanceof Double || na instanceof Float);
                return eInt == aInt && ne.doubleValue() == na.doubleValue();
            }
            return java.util.Objects.equals(e, a);
        }

        private static String shorten(String s) {
            return s.length() <= 160 ? s : s.substring(0, 157) + "...";
        }

        private static @Nullable Double num(@Nullable Object x) {
            if (x instanceof Number n) {
                return n.doubleValue();
            }
            if (x instanceof String s) {
                try {
                    return switch (s) {
                        case "NaN" -> Double.NaN;
                        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(s);
                    };
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            return null;
        }

        private static boolean close(double a, double b, double @Nullable [] tol) {
            if (Double.isNaN(a) && Double.isNaN(b)) {
                return true;
            }
            if (Double.isInfinite(a) || Double.isInfinite(b)) {
                return a == b;
            }
            double rel = tol == null ? REL_TOL : tol[0];
            double abs = tol == null ? ABS_TOL : tol[1];
            return Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);
        }
    }

    public static InputStream resource(String name) {
        InputStream in = Conformance.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return in;
    }

    /** The case files, named {@code NN-category.json} in corpus.json's category order (works inside a jar too). */
    @SuppressWarnings("unchecked")
    private static List<String> caseFiles() {
        Map<String, Object> corpus;
        try (InputStream in = resource("conformance/corpus.json")) {
            corpus = (Map<String, Object>) JSON.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> files = new ArrayList<>();
        int number = 1;
        for (String category : ((Map<String, Object>) corpus.get("categories")).keySet()) {
            files.add(String.format(Locale.ROOT, "%02d-%s.json", number++, category));
        }
        return files;
    }
}
