package io.skald.logql.log.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A function callable from templates, with a Go-like signature used for arity and type checks. */
record TemplateFunction(
        String name, List<ParamType> params, @Nullable ParamType variadic, Body body) {

    /** Go parameter types the engine checks. */
    enum ParamType {
        STRING("string"),
        INT("int"),
        FLOAT64("float64"),
        TIME("time.Time"),
        ANY("interface {}");

        private final String goName;

        ParamType(String goName) {
            this.goName = goName;
        }

        String goName() {
            return goName;
        }
    }

    /** The implementation; arguments are already checked against the signature. */
    interface Body {
        @Nullable
        Object apply(List<@Nullable Object> args, EntryContext entry) throws FunctionError;
    }
}
