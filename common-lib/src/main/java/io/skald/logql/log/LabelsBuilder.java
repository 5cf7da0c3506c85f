package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The mutable labels of the entry being processed: the stream's labels as a base, plus labels added per category,
 * deletions and the error labels, with Loki's precedence Parsed &gt; Structured metadata &gt; Stream. One builder
 * serves one stream and is {@link #reset()} before each entry.
 */
public final class LabelsBuilder {
    private final Labels base;
    private final LabelsResult baseResult;
    private final List<String> addNames = new ArrayList<>();
    private final List<String> addValues = new ArrayList<>();
    private final List<LabelCategory> addCategories = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private @Nullable LabelsResult previous;
    private String[] lastNames = new String[0];
    private int[] lastOrder = new int[0];
    private String error = "";
    private String errorDetails = "";

    /** A builder over the labels of a stream. */
    public LabelsBuilder(Labels streamLabels) {
        this.base = streamLabels;
        this.baseResult = LabelsResult.ofStream(streamLabels);
    }

    /** Forgets every change, for the next entry of the stream. */
    public void reset() {
        addNames.clear();
        addValues.clear();
        addCategories.clear();
        deleted.clear();
        error = "";
        errorDetails = "";
    }

    /** The stream labels this builder started from. */
    public Labels base() {
        return base;
    }

    /** Whether the stream labels (not added ones) hold this name: parsers then add {@code _extracted}. */
    public boolean baseHas(String name) {
        return base.has(name);
    }

    /** The current value of a label (error labels excluded: see {@link #error()}), or null when absent. */
    public @Nullable String get(String name) {
        int index = addNames.indexOf(name);
        if (index >= 0) {
            return addValues.get(index);
        }
        if (deleted.contains(name)) {
            return null;
        }
        return base.get(name);
    }

    /** The category of a present label, or null when absent. */
    public @Nullable LabelCategory category(String name) {
        int index = addNames.indexOf(name);
        if (index >= 0) {
            return addCategories.get(index);
        }
        return !deleted.contains(name) && base.has(name) ? LabelCategory.STREAM : null;
    }

    /**
     * Sets a label in a category. A parsed label replaces the name in the other categories; structured metadata
     * replaces a stream label but not a parsed one; a stream label does not replace either.
     */
    public void set(LabelCategory category, String name, String value) {
        int index = addNames.indexOf(name);
        if (index >= 0) {
            LabelCategory existing = addCategories.get(index);
            if (existing == category || rank(category) > rank(existing)) {
                addValues.set(index, value);
                addCategories.set(index, category);
            }
            return;
        }
        addNames.add(name);
        addValues.add(value);
        addCategories.add(category);
    }

    private static int rank(LabelCategory category) {
        return switch (category) {
            case STREAM -> 0;
            case STRUCTURED_METADATA -> 1;
            case PARSED -> 2;
        };
    }

    /** Sets a parsed label, the common case for stages. */
    public void set(String name, String value) {
        set(LabelCategory.PARSED, name, value);
    }

    /** Removes a label from every category. */
    public void delete(String name) {
        int index = addNames.indexOf(name);
        if (index >= 0) {
            addNames.remove(index);
            addValues.remove(index);
            addCategories.remove(index);
        }
        if (!deleted.contains(name)) {
            deleted.add(name);
        }
    }

    /**
     * Adds the entry's structured metadata: a name clashing with a stream label gets the {@code _extracted} suffix, and
     * {@code __error__}/{@code __error_details__} set the error labels, as Loki does.
     */
    public void addStructuredMetadata(Labels metadata) {
        for (int i = 0; i < metadata.size(); i++) {
            String name = metadata.name(i);
            if (base.has(name)) {
                name = name + ParsedNames.DUPLICATE_SUFFIX;
            }
            if (name.equals(ErrorLabels.ERROR)) {
                error = metadata.value(i);
            } else if (name.equals(ErrorLabels.ERROR_DETAILS)) {
                errorDetails = metadata.value(i);
            } else {
                set(LabelCategory.STRUCTURED_METADATA, name, metadata.value(i));
            }
        }
    }

    /** The error kind ({@code __error__}), empty when none. */
    public String error() {
        return error;
    }

    public boolean hasError() {
        return !error.isEmpty();
    }

    public void setError(String error) {
        this.error = error;
    }

    /** The error message ({@code __error_details__}), empty when none. */
    public String errorDetails() {
        return errorDetails;
    }

    public void setErrorDetails(String errorDetails) {
        this.errorDetails = errorDetails;
    }

    public void resetError() {
        error = "";
    }

    public void resetErrorDetails() {
        errorDetails = "";
    }

    /** Whether the labels differ from the stream's. */
    public boolean changed() {
        return !addNames.isEmpty() || !deleted.isEmpty() || !error.isEmpty() || !errorDetails.isEmpty();
    }

    /** Visits every current label, error labels included, stream labels first. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < base.size(); i++) {
            String name = base.name(i);
            if (!deleted.contains(name) && !addNames.contains(name)) {
                action.accept(name, base.value(i));
            }
        }
        for (int i = 0; i < addNames.size(); i++) {
            action.accept(addNames.get(i), addValues.get(i));
        }
        if (!error.isEmpty()) {
            action.accept(ErrorLabels.ERROR, error);
        }
        if (!errorDetails.isEmpty()) {
            action.accept(ErrorLabels.ERROR_DETAILS, errorDetails);
        }
    }

    /** The current labels as a map, error labels included: the data of templates. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        forEach(map::put);
        return map;
    }

    /**
     * The current labels. An entry whose labels did not change gets the stream's own result, and one whose labels
     * equal the previous entry's gets that same instance.
     */
    public LabelsResult result() {
        if (!changed()) {
            return baseResult;
        }
        int size = 0;
        for (int i = 0; i < base.size(); i++) {
            String name = base.name(i);
            if (!deleted.contains(name) && !addNames.contains(name)) {
                size++;
            }
        }
        size += addNames.size() + (error.isEmpty() ? 0 : 1) + (errorDetails.isEmpty() ? 0 : 1);
        String[] names = new String[size];
        String[] values = new String[size];
        LabelCategory[] categories = new LabelCategory[size];
        int k = 0;
        for (int i = 0; i < base.size(); i++) {
            String name = base.name(i);
            if (!deleted.contains(name) && !addNames.contains(name)) {
                names[k] = name;
                values[k] = base.value(i);
                categories[k++] = LabelCategory.STREAM;
            }
        }
        for (int i = 0; i < addNames.size(); i++) {
            names[k] = addNames.get(i);
            values[k] = addValues.get(i);
            categories[k++] = addCategories.get(i);
        }
        if (!error.isEmpty()) {
            names[k] = ErrorLabels.ERROR;
            values[k] = error;
            categories[k++] = LabelCategory.PARSED;
        }
        if (!errorDetails.isEmpty()) {
            names[k] = ErrorLabels.ERROR_DETAILS;
            values[k] = errorDetails;
            categories[k] = LabelCategory.PARSED;
        }
        // Fed in name order, the label set's sort finds one run: the order is computed once per name sequence.
        Labels.Builder all = Labels.builder();
        for (int i : sortedOrder(names)) {
            all.set(names[i], values[i]);
        }
        Labels labels = all.build();
        LabelsResult last = previous;
        if (last != null && last.sameAs(names, categories, labels)) {
            return last;
        }
        LabelsResult result = new LabelsResult(labels, names, categories);
        previous = result;
        return result;
    }

    /** The indices of {@code names} in name order (stable: a repeated name keeps its last value). */
    private int[] sortedOrder(String[] names) {
        if (Arrays.equals(names, lastNames)) {
            return lastOrder;
        }
        Integer[] boxed = new Integer[names.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> names[a].compareTo(names[b]));
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        lastNames = names;
        lastOrder = order;
        return order;
    }
}
