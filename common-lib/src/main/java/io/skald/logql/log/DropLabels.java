package io.skald.logql.log;

import java.util.List;

/**
 * {@code | drop a, b="v"}: removes labels by name, or when their value matches; {@code __error__} and
 * {@code __error_details__} can be dropped too.
 */
public record DropLabels(List<LabelSelection> selections) implements Stage {

    public DropLabels {
        selections = List.copyOf(selections);
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        for (LabelSelection selection : selections) {
            String name = selection.name();
            LabelMatcher matcher = selection.matcher();
            if (matcher != null) {
                String value;
                if (name.equals(ErrorLabels.ERROR)) {
                    value = labels.error();
                } else if (name.equals(ErrorLabels.ERROR_DETAILS)) {
                    value = labels.errorDetails();
                } else {
                    String found = labels.get(name);
                    value = found == null ? "" : found;
                }
                if (!matcher.matches(value)) {
                    continue;
                }
            }
            if (name.equals(ErrorLabels.ERROR)) {
                labels.resetError();
            } else if (name.equals(ErrorLabels.ERROR_DETAILS)) {
                labels.resetErrorDetails();
            } else if (matcher != null || labels.get(name) != null) {
                labels.delete(name);
            }
        }
        return true;
    }
}
