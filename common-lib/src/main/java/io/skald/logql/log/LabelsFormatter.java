package io.skald.logql.log;

import io.skald.logql.log.template.EntryContext;
import io.skald.logql.log.template.Template;
import io.skald.logql.log.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code | label_format a=b, c="{{.x}}"}: renames (keeping the source's category) and templated labels (parsed),
 * applied in order. All templates of one stage
 * see the labels as they were before its first template ran, like Loki. A failing template sets
 * {@code __error__="TemplateFormatErr"} and leaves its label alone.
 */
public final class LabelsFormatter implements Stage {
    private final List<LabelFormat> formats;
    private final List<@Nullable Template> templates;

    /** Validates and parses; throws {@link IllegalArgumentException} with Loki's message when invalid. */
    public LabelsFormatter(List<LabelFormat> formats) {
        Set<String> names = new HashSet<>();
        List<@Nullable Template> parsed = new ArrayList<>();
        for (LabelFormat format : formats) {
            if (format.name().equals(ErrorLabels.ERROR)) {
                throw new IllegalArgumentException(ErrorLabels.ERROR + " cannot be formatted");
            }
            if (!names.add(format.name())) {
                throw new IllegalArgumentException(
                        "multiple label name '" + format.name() + "' not allowed in a single format operation");
            }
            if (format.rename()) {
                parsed.add(null);
                continue;
            }
            try {
                parsed.add(Template.parse("label", format.value()));
            } catch (TemplateException e) {
                throw new IllegalArgumentException(
                        "invalid template for label '" + format.name() + "': " + e.getMessage(), e);
            }
        }
        this.formats = List.copyOf(formats);
        this.templates = parsed;
    }

    public List<LabelFormat> formats() {
        return formats;
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        Map<String, String> data = null;
        EntryContext context = null;
        for (int i = 0; i < formats.size(); i++) {
            LabelFormat format = formats.get(i);
            Template template = templates.get(i);
            if (template == null) {
                String value = labels.get(format.value());
                LabelCategory category = labels.category(format.value());
                if (value != null && category != null) {
                    labels.set(category, format.name(), value);
                    labels.delete(format.value());
                }
                continue;
            }
            if (data == null) {
                data = labels.toMap();
                context = new EntryContext(entry.lineString(), entry.timestamp());
            }
            try {
                labels.set(format.name(), template.execute(data, context));
            } catch (TemplateException e) {
                labels.setError(ErrorLabels.TEMPLATE_FORMAT);
                labels.setErrorDetails(e.getMessage());
            }
        }
        return true;
    }
}
