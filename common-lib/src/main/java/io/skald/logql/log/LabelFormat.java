package io.skald.logql.log;

/** One item of {@code label_format}: {@code dst=src} (rename) or {@code dst="{{template}}"}. */
public record LabelFormat(String name, String value, boolean rename) {

    /** {@code dst=src}: moves the value of {@code src} to {@code dst}. */
    public static LabelFormat rename(String destination, String source) {
        return new LabelFormat(destination, source, true);
    }

    /** {@code dst="{{...}}"}: sets {@code dst} to the template's output. */
    public static LabelFormat template(String destination, String template) {
        return new LabelFormat(destination, template, false);
    }
}
