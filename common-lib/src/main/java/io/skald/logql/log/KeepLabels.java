package io.skald.logql.log;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code | keep a, b="v"}: removes every label not named (or whose value does not match); the error labels always
 * stay.
 */
public record KeepLabels(List<LabelSelection> selections) implements Stage {

    public KeepLabels {
        selections = List.copyOf(selections);
    }

    @Override
    public boolean process(PipelineEntry entry) {
        if (selections.isEmpty()) {
            return true;
        }
        LabelsBuilder labels = entry.labels();
        List<String> toDelete = new ArrayList<>();
        labels.forEach((name, value) -> {
            if (name.equals(ErrorLabels.ERROR) || name.equals(ErrorLabels.ERROR_DETAILS)) {
                return;
            }
            for (LabelSelection selection : selections) {
                LabelMatcher matcher = selection.matcher();
                if (matcher != null) {
                    if (matcher.name().equals(name) && matcher.matches(value)) {
                        return;
                    }
                } else if (selection.name().equals(name)) {
                    return;
                }
            }
            toDelete.add(name);
        });
        toDelete.forEach(labels::delete);
        return true;
    }
}
