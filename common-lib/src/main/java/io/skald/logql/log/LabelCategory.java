package io.skald.logql.log;

/** Where a label of an entry comes from; Loki reports the three apart with the {@code categorize-labels} flag. */
public enum LabelCategory {
    /** A label of the stream the entry belongs to. */
    STREAM,
    /** Structured metadata stored with the entry. */
    STRUCTURED_METADATA,
    /** A label added by a pipeline stage (parser, formatter) or an error label. */
    PARSED
}
