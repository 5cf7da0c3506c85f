package io.skald.logql.log;

/** The names and values of Loki's error labels, set by stages that fail on an entry. */
public final class ErrorLabels {
    /** Label holding the kind of error. */
    public static final String ERROR = "__error__";
    /** Label holding the error message. */
    public static final String ERROR_DETAILS = "__error_details__";

    public static final String JSON_PARSER = "JSONParserErr";
    public static final String LOGFMT_PARSER = "LogfmtParserErr";
    public static final String LABEL_FILTER = "LabelFilterErr";
    public static final String TEMPLATE_FORMAT = "TemplateFormatErr";
    public static final String SAMPLE_EXTRACTION = "SampleExtractionErr";

    private ErrorLabels() {}
}
