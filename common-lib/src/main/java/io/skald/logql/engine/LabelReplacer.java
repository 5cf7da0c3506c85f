package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.syntax.LabelReplaceExpr;
import io.skald.logql.syntax.Re2;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code label_replace}: Prometheus' semantics with Go's {@code Regexp.Expand} for the replacement. */
final class LabelReplacer {
    private LabelReplacer() {}

    static List<StepSeries> apply(LabelReplaceExpr expr, List<StepSeries> input) {
        Pattern regex = Re2.compileAnchored(expr.regex());
        List<StepSeries> out = new ArrayList<>(input.size());
        for (StepSeries s : input) {
            String src = s.labels.get(expr.source());
            Matcher m = regex.matcher(src == null ? "" : src);
            if (!m.matches()) {
                out.add(s);
                continue;
            }
            String value = expand(expr.replacement(), m);
            Labels.Builder b = s.labels.toBuilder();
            if (value.isEmpty()) {
                b.remove(expr.destination());
            } else {
                b.set(expr.destination(), value);
            }
            out.add(s.withLabels(b.build()));
        }
        return out;
    }

    /** Go's template expansion: {@code $1}, {@code $name}, {@code ${name}}, {@code $$}. */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || !isName(template.substring(i + 2, close))) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            out.append(group(m, name));
            i = end;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String value;
        if (name.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return "";
            }
            value = index <= m.groupCount() ? m.group(index) : null;
        } else {
            try {
                value = m.group(name);
            } catch (IllegalArgumentException e) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> isNameChar((char) ch));
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
