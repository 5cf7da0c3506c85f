package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.syntax.BinaryOp;
import io.skald.logql.syntax.VectorMatching;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binary operations between series, or series and a number, step by step (Prometheus' vector matching). */
final class BinaryEvaluator {
    private BinaryEvaluator() {}

    /** {@code series op number} ({@code numberOnLeft}: {@code number op series}). */
    static List<StepSeries> withScalar(
            BinaryOp op, List<StepSeries> series, double number, boolean numberOnLeft, boolean returnBool, int steps) {
        List<StepSeries> out = new ArrayList<>(series.size());
        for (StepSeries s : series) {
            StepSeries r = new StepSeries(s.labels, steps);
            for (int i = 0; i < steps; i++) {
                if (!s.present[i]) {
                    continue;
                }
                double left = numberOnLeft ? number : s.values[i];
                double right = numberOnLeft ? s.values[i] : number;
                if (op.isComparison()) {
                    boolean keep = op.apply(left, right) == 1;
                    if (returnBool) {
                        r.set(i, keep ? 1 : 0);
                    } else if (keep) {
                        r.set(i, s.values[i]);
                    }
                } else {
                    r.set(i, arithmetic(op, left, right));
                }
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code left op right} between two sets of series. */
    static List<StepSeries> vectors(
            BinaryOp op,
            List<StepSeries> left,
            List<StepSeries> right,
            boolean returnBool,
            VectorMatching matching,
            int steps) {
        if (op.isSetOperation()) {
            return setOperation(op, left, right, matching, steps);
        }
        boolean swapped = matching.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
        List<StepSeries> many = swapped ? right : left;
        List<StepSeries> one = swapped ? left : right;
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (int i = 0; i < steps; i++) {
            Map<Labels, StepSeries> oneBySignature = new HashMap<>();
            for (StepSeries s : one) {
                if (!s.present[i]) {
                    continue;
                }
                if (oneBySignature.put(signature(s.labels, matching), s) != null) {
                    throw new LokiHttpException(
                            500,
                            "found duplicate series on the " + (swapped ? "left" : "right")
                                    + " hand-side;many-to-many matching not allowed: matching labels must be unique on"
                                    + " one side");
                }
            }
            Map<Labels, Labels> matchedOneToOne = new HashMap<>();
            for (StepSeries s : many) {
                if (!s.present[i]) {
                    continue;
                }
                Labels sig = signature(s.labels, matching);
                StepSeries other = oneBySignature.get(sig);
                if (other == null) {
                    continue;
                }
                Labels metric = resultLabels(s.labels, other.labels, matching);
                if (matching.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
                    if (matchedOneToOne.put(sig, metric) != null) {
                        throw new LokiHttpException(
                                500,
                                "multiple matches for labels: many-to-one matching must be explicit"
                                        + " (group_left/group_right)");
                    }
                }
                double vl = swapped ? other.values[i] : s.values[i];
                double vr = swapped ? s.values[i] : other.values[i];
                double value;
                if (op.isComparison()) {
                    boolean keep = op.apply(vl, vr) == 1;
                    if (returnBool) {
                        value = keep ? 1 : 0;
                    } else if (keep) {
                        value = vl;
                    } else {
                        continue;
                    }
                } else {
                    value = arithmetic(op, vl, vr);
                }
                StepSeries r = out.computeIfAbsent(metric, m -> new StepSeries(m, steps));
                if (r.present[i]) {
                    throw new LokiHttpException(
                            500, "multiple matches for labels: grouping labels must ensure unique matches");
                }
                r.set(i, value);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static double arithmetic(BinaryOp op, double left, double right) {
        return switch (op) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> left / right;
            case MODULO -> left % right;
            case POWER -> Math.pow(left, right);
            default -> op.apply(left, right);
        };
    }

    private static List<StepSeries> setOperation(
            BinaryOp op, List<StepSeries> left, List<StepSeries> right, VectorMatching matching, int steps) {
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        for (int i = 0; i < steps; i++) {
            java.util.Set<Labels> rightSigs = new java.util.HashSet<>();
            for (StepSeries s : right) {
                if (s.present[i]) {
                    rightSigs.add(signature(s.labels, matching));
                }
            }
            java.util.Set<Labels> leftSigs = new java.util.HashSet<>();
            for (StepSeries s : left) {
                if (!s.present[i]) {
                    continue;
                }
                Labels sig = signature(s.labels, matching);
                leftSigs.add(sig);
                boolean keep = switch (op) {
                    case AND -> rightSigs.contains(sig);
                    case UNLESS -> !rightSigs.contains(sig);
                    default -> true;
                };
                if (keep) {
                    out.computeIfAbsent(s.labels, m -> new StepSeries(m, steps)).set(i, s.values[i]);
                }
            }
            if (op == BinaryOp.OR) {
                for (StepSeries s : right) {
                    if (s.present[i] && !leftSigs.contains(signature(s.labels, matching))) {
                        out.computeIfAbsent(s.labels, m -> new StepSeries(m, steps))
                                .set(i, s.values[i]);
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Labels signature(Labels labels, VectorMatching matching) {
        Labels.Builder b = Labels.builder();
        labels.forEach((name, value) -> {
            if (matching.labels().contains(name) == matching.on()) {
                b.set(name, value);
            }
        });
        return b.build();
    }

    private static Labels resultLabels(Labels many, Labels one, VectorMatching matching) {
        if (matching.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
            return signature(many, matching);
        }
        Labels.Builder b = many.toBuilder();
        for (String name : matching.include()) {
            String v = one.get(name);
            if (v == null || v.isEmpty()) {
                b.remove(name);
            } else {
                b.set(name, v);
            }
        }
        return b.build();
    }
}
