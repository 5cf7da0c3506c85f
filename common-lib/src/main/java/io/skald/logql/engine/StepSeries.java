package io.skald.logql.engine;

import io.skald.labels.Labels;

/** One series of a metric expression over the steps of a query: a value at each step where it is present. */
final class StepSeries {
    final Labels labels;
    final double[] values;
    final boolean[] present;

    StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.values = new double[steps];
        this.present = new boolean[steps];
    }

    StepSeries(Labels labels, double[] values, boolean[] present) {
        this.labels = labels;
        this.values = values;
        this.present = present;
    }

    void set(int step, double value) {
        values[step] = value;
        present[step] = true;
    }

    boolean isEmpty() {
        for (boolean p : present) {
            if (p) {
                return false;
            }
        }
        return true;
    }

    StepSeries withLabels(Labels newLabels) {
        return new StepSeries(newLabels, values, present);
    }
}
