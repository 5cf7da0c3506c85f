package io.skald.logql.log.template;

/** An error returned by a template function; Go reports it as {@code error calling NAME: MESSAGE}. */
final class FunctionError extends Exception {
    private static final long serialVersionUID = 1L;

    FunctionError(String message) {
        super(message, null, false, false);
    }
}
