package io.skald.logql.log.template;

/** A template parse or execution error; the message is Go's ({@code template: line:1:3: executing "line" at ...}). */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message, null, false, false);
    }
}
