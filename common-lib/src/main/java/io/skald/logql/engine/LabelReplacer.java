package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.log.golang.RegexpExpand;
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
        List<String> groupNames = new ArrayList<>();
        groupNames.add("");
        groupNames.addAll(Re2.translate(Re2.anchored(expr.regex())).groupNames());
        List<StepSeries> out = new ArrayList<>(input.size());
        for (StepSeries s : input) {
            String src = s.labels.get(expr.source());
            Matcher m = regex.matcher(src == null ? "" : src);
            if (!m.matches()) {
                out.add(s);
                continue;
            }
            StringBuilder expanded = new StringBuilder();
            RegexpExpand.expand(expanded, expr.replacement(), m, groupNames);
            String value = expanded.toString();
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
}
