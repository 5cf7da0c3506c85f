package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.syntax.Grouping;
import io.skald.logql.syntax.VectorOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vector aggregations ({@code sum}, {@code topk}, ...) applied step by step with Prometheus' arithmetic. */
final class VectorAggregator {
    private VectorAggregator() {}

    static List<StepSeries> aggregate(VectorOp op, Grouping grouping, int k, List<StepSeries> input, int steps) {
        return switch (op) {
            case TOPK, BOTTOMK -> select(op == VectorOp.TOPK, grouping, k, input, steps);
            case SORT, SORT_DESC -> input;
            default -> reduce(op, grouping, input, steps);
        };
    }

    /** The series' group labels under {@code by}/{@code without}. */
    static Labels groupLabels(Labels labels, Grouping grouping) {
        Labels.Builder b = Labels.builder();
        labels.forEach((name, value) -> {
            if (grouping.labels().contains(name) != grouping.without()) {
                b.set(name, value);
            }
        });
        return b.build();
    }

    private static List<StepSeries> reduce(VectorOp op, Grouping grouping, List<StepSeries> input, int steps) {
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        for (StepSeries s : input) {
            groups.computeIfAbsent(groupLabels(s.labels, grouping), g -> new ArrayList<>())
                    .add(s);
        }
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (Map.Entry<Labels, List<StepSeries>> g : groups.entrySet()) {
            StepSeries result = new StepSeries(g.getKey(), steps);
            List<StepSeries> members = g.getValue();
            for (int i = 0; i < steps; i++) {
                int count = 0;
                double acc = 0;
                double mean = 0;
                double m2 = 0;
                for (StepSeries s : members) {
                    if (!s.present[i]) {
                        continue;
                    }
                    double v = s.values[i];
                    count++;
                    switch (op) {
                        case SUM -> acc += v;
                        case MIN -> acc = count == 1 || v < acc || Double.isNaN(acc) ? v : acc;
                        case MAX -> acc = count == 1 || v > acc || Double.isNaN(acc) ? v : acc;
                        case AVG, STDDEV, STDVAR -> {
                            double delta = v - mean;
                            mean += delta / count;
                            m2 += delta * (v - mean);
                        }
                        default -> {}
                    }
                }
                if (count == 0) {
                    continue;
                }
                double value = switch (op) {
                    case SUM, MIN, MAX -> acc;
                    case AVG -> mean;
                    case COUNT -> count;
                    case STDVAR -> m2 / count;
                    case STDDEV -> Math.sqrt(m2 / count);
                    default -> throw new IllegalStateException(op.toString());
                };
                result.set(i, value);
            }
            out.add(result);
        }
        return out;
    }

    private static List<StepSeries> select(boolean top, Grouping grouping, int k, List<StepSeries> input, int steps) {
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        for (StepSeries s : input) {
            groups.computeIfAbsent(groupLabels(s.labels, grouping), g -> new ArrayList<>())
                    .add(s);
        }
        Map<StepSeries, StepSeries> outputs = new LinkedHashMap<>();
        for (List<StepSeries> members : groups.values()) {
            for (int i = 0; i < steps; i++) {
                final int step = i;
                List<StepSeries> present = new ArrayList<>();
                for (StepSeries s : members) {
                    if (s.present[i]) {
                        present.add(s);
                    }
                }
                Comparator<StepSeries> byValue = Comparator.comparingDouble(s -> s.values[step]);
                present.sort(top ? byValue.reversed() : byValue);
                for (int j = 0; j < Math.min(k, present.size()); j++) {
                    StepSeries s = present.get(j);
                    outputs.computeIfAbsent(s, x -> new StepSeries(x.labels, steps))
                            .set(i, s.values[i]);
                }
            }
        }
        return new ArrayList<>(outputs.values());
    }
}
