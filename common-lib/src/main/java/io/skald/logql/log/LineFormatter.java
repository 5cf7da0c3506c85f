package io.skald.logql.log;

import io.skald.logql.log.template.EntryContext;
import io.skald.logql.log.template.Template;
import io.skald.logql.log.template.TemplateException;
import java.util.Map;

/**
 * {@code | line_format "{{.level}} {{__line__}}"}: replaces the line with the template's output over the entry's
 * labels. When execution fails the line is kept and {@code __error__="TemplateFormatErr"} is set with Go's message.
 */
public final class LineFormatter implements Stage {
    private final Template template;

    /** Parses the template; throws {@link IllegalArgumentException} ({@code invalid line template: ...}). */
    public LineFormatter(String template) {
        try {
            this.template = Template.parse("line", template);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("invalid line template: " + e.getMessage(), e);
        }
    }

    public String template() {
        return template.source();
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        Map<String, String> data = labels.toMap();
        try {
            entry.setLine(template.execute(data, new EntryContext(entry.lineString(), entry.timestamp())));
        } catch (TemplateException e) {
            labels.setError(ErrorLabels.TEMPLATE_FORMAT);
            labels.setErrorDetails(e.getMessage());
        }
        return true;
    }
}
