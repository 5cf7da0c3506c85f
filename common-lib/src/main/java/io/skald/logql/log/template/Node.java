package io.skald.logql.log.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parse tree of a template; {@code pos} is the byte offset in the source, for Go's error locations. */
sealed interface Node {
    int pos();

    /** Literal text. */
    record Text(int pos, String text) implements Node {}

    /** {@code {{pipeline}}}: prints the value (unless it declares variables). */
    record Action(int pos, Pipe pipe) implements Node {}

    /** {@code {{if}}/{{with}}/{{range}} ... {{else}} ... {{end}}}. */
    record Branch(
            int pos,
            Kind kind,
            Pipe pipe,
            List<Node> list,
            @Nullable List<Node> elseList) implements Node {}

    /** Kinds of branch. */
    enum Kind {
        IF,
        WITH,
        RANGE
    }

    /** A pipeline: optional variable declarations and commands joined by {@code |}. */
    record Pipe(int pos, List<String> declarations, boolean assign, List<Command> commands) implements Node {}

    /** One command: operands, the first possibly a function. */
    record Command(int pos, List<Node> args) implements Node {}

    /** A function name. */
    record Identifier(int pos, String name) implements Node {}

    /** {@code .a.b}. */
    record Field(int pos, List<String> path) implements Node {}

    /** {@code .}. */
    record Dot(int pos) implements Node {}

    /** {@code $x.a}. */
    record Variable(int pos, String name, List<String> path) implements Node {}

    /** A string, number, boolean or nil constant ({@code text} is the literal as written, for numbers). */
    record Constant(int pos, @Nullable Object value, String text, boolean isNumber) implements Node {}

    /** A parenthesised pipeline, possibly followed by field access. */
    record Parenthesised(int pos, Pipe pipe, List<String> path) implements Node {}
}
