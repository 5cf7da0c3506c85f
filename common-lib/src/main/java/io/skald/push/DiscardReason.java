package io.skald.push;

/**
 * Why entries were dropped, with Loki's {@code reason} label values for {@code loki_discarded_samples_total} and
 * {@code loki_discarded_bytes_total}.
 */
public enum DiscardReason {
    INVALID_LABELS("invalid_labels"),
    MISSING_LABELS("missing_labels"),
    MAX_LABEL_NAMES_PER_SERIES("max_label_names_per_series"),
    LABEL_NAME_TOO_LONG("label_name_too_long"),
    LABEL_VALUE_TOO_LONG("label_value_too_long"),
    DUPLICATE_LABEL_NAMES("duplicate_label_names"),
    GREATER_THAN_MAX_SAMPLE_AGE("greater_than_max_sample_age"),
    TOO_FAR_IN_FUTURE("too_far_in_future"),
    LINE_TOO_LONG("line_too_long"),
    DISALLOWED_STRUCTURED_METADATA("disallowed_structured_metadata"),
    STRUCTURED_METADATA_TOO_LARGE("structured_metadata_too_large"),
    STRUCTURED_METADATA_TOO_MANY("structured_metadata_too_many"),
    RATE_LIMITED("rate_limited"),
    PER_STREAM_RATE_LIMIT("per_stream_rate_limit"),
    STREAM_LIMIT("stream_limit"),
    OUT_OF_ORDER("out_of_order"),
    TOO_FAR_BEHIND("too_far_behind"),
    REQUEST_BODY_TOO_LARGE("request_body_too_large");

    private final String label;

    DiscardReason(String label) {
        this.label = label;
    }

    /** The {@code reason} label value Loki uses. */
    public String label() {
        return label;
    }
}
