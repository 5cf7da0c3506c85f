package io.skald.logql.log.template;

import io.skald.logql.log.template.TemplateFunction.ParamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Go text/template with Loki's function map and {@code missingkey=zero} over a map of labels: an absent label
 * prints as the empty string. Immutable and thread-safe; {@link #execute} evaluates it for one entry.
 */
public final class Template {
    private final String name;
    private final String source;
    private final List<Node> root;

    private Template(String name, String source, List<Node> root) {
        this.name = name;
        this.source = source;
        this.root = root;
    }

    /**
     * Parses a template; {@code name} appears in error texts ({@code line} for line_format, {@code label} for
     * label_format).
     */
    public static Template parse(String name, String source) throws TemplateException {
        return new Template(
                name, source, List.copyOf(new TemplateParser(name, source, TemplateFunctions.names()).parse()));
    }

    public String source() {
        return source;
    }

    /** Runs the template with the labels as data; throws with Go's error text when execution fails. */
    public String execute(Map<String, String> labels, EntryContext entry) throws TemplateException {
        StringBuilder out = new StringBuilder();
        new Execution(labels, entry).list(root, labels, out);
        return out.toString();
    }

    /** The state of one execution: variables and the entry. */
    private final class Execution {
        private final Map<String, String> labels;
        private final EntryContext entry;
        private final List<String> variableNames = new ArrayList<>();
        private final List<@Nullable Object> variableValues = new ArrayList<>();

        Execution(Map<String, String> labels, EntryContext entry) {
            this.labels = labels;
            this.entry = entry;
            variableNames.add("$");
            variableValues.add(labels);
        }

        private TemplateException error(Node node, String context, String message) {
            int pos = node.pos();
            String before = source.substring(0, Math.min(pos, source.length()));
            int lastNewline = before.lastIndexOf('\n');
            int column = lastNewline < 0 ? pos : pos - lastNewline - 1;
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            return new TemplateException("template: " + name + ":" + line + ":" + column + ": executing \"" + name
                    + "\" at <" + context + ">: " + message);
        }

        void list(List<Node> nodes, @Nullable Object dot, StringBuilder out) throws TemplateException {
            for (Node node : nodes) {
                switch (node) {
                    case Node.Text text -> out.append(text.text());
                    case Node.Action action -> {
                        Object value = pipe(action.pipe(), dot);
                        if (action.pipe().declarations().isEmpty()) {
                            out.append(value == null ? "<no value>" : GoValues.print(value));
                        }
                    }
                    case Node.Branch branch -> branch(branch, dot, out);
                    default -> throw error(node, "", "unexpected node");
                }
            }
        }

        private void branch(Node.Branch branch, @Nullable Object dot, StringBuilder out) throws TemplateException {
            int mark = variableNames.size();
            Object value = pipe(branch.pipe(), dot);
            try {
                switch (branch.kind()) {
                    case IF -> {
                        if (GoValues.isTrue(value)) {
                            list(branch.list(), dot, out);
                        } else if (branch.elseList() != null) {
                            list(branch.elseList(), dot, out);
                        }
                    }
                    case WITH -> {
                        if (GoValues.isTrue(value)) {
                            list(branch.list(), value, out);
                        } else if (branch.elseList() != null) {
                            list(branch.elseList(), dot, out);
                        }
                    }
                    case RANGE -> range(branch, value, dot, out);
                }
            } finally {
                while (variableNames.size() > mark) {
                    variableNames.remove(variableNames.size() - 1);
                    variableValues.remove(variableValues.size() - 1);
                }
            }
        }

        private void range(Node.Branch branch, @Nullable Object value, @Nullable Object dot, StringBuilder out)
                throws TemplateException {
            List<Map.Entry<Object, @Nullable Object>> items = new ArrayList<>();
            switch (value) {
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        items.add(new java.util.AbstractMap.SimpleEntry<>(i, list.get(i)));
                    }
                }
                case Map<?, ?> map ->
                    map.entrySet().stream()
                            .sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
                            .forEach(e -> items.add(new java.util.AbstractMap.SimpleEntry<>(e.getKey(), e.getValue())));
                case Integer n -> {
                    for (int i = 0; i < n; i++) {
                        items.add(new java.util.AbstractMap.SimpleEntry<>(i, i));
                    }
                }
                case null -> {}
                default -> throw error(branch, "", "range can't iterate over " + GoValues.print(value));
            }
            if (items.isEmpty()) {
                if (branch.elseList() != null) {
                    list(branch.elseList(), dot, out);
                }
                return;
            }
            List<String> declarations = branch.pipe().declarations();
            for (Map.Entry<Object, @Nullable Object> item : items) {
                if (declarations.size() == 1) {
                    setVariable(declarations.get(0), item.getValue());
                } else if (declarations.size() == 2) {
                    setVariable(declarations.get(0), item.getKey());
                    setVariable(declarations.get(1), item.getValue());
                }
                list(branch.list(), item.getValue(), out);
            }
        }

        private void setVariable(String variable, @Nullable Object value) {
            int index = variableNames.lastIndexOf(variable);
            if (index >= 0) {
                variableValues.set(index, value);
            } else {
                variableNames.add(variable);
                variableValues.add(value);
            }
        }

        private @Nullable Object pipe(Node.Pipe pipe, @Nullable Object dot) throws TemplateException {
            Object value = null;
            boolean hasFinal = false;
            for (Node.Command command : pipe.commands()) {
                value = command(command, dot, value, hasFinal);
                hasFinal = true;
            }
            for (String variable : pipe.declarations()) {
                if (pipe.assign()) {
                    int index = variableNames.lastIndexOf(variable);
                    if (index >= 0) {
                        variableValues.set(index, value);
                    }
                } else if (pipe.declarations().size() == 1) {
                    variableNames.add(variable);
                    variableValues.add(value);
                }
            }
            return value;
        }

        private @Nullable Object command(
                Node.Command command, @Nullable Object dot, @Nullable Object finalValue, boolean hasFinal)
                throws TemplateException {
            Node first = command.args().get(0);
            if (first instanceof Node.Identifier identifier) {
                return call(identifier, command.args().subList(1, command.args().size()), dot, finalValue, hasFinal);
            }
            if (command.args().size() > 1 || hasFinal) {
                throw error(first, describe(first), "can't give argument to non-function " + describe(first));
            }
            return operand(first, dot);
        }

        private String describe(Node node) {
            return switch (node) {
                case Node.Field f -> "." + String.join(".", f.path());
                case Node.Variable v -> v.name() + (v.path().isEmpty() ? "" : "." + String.join(".", v.path()));
                case Node.Identifier i -> i.name();
                case Node.Dot d -> ".";
                case Node.Constant c -> c.isNumber() ? c.text() : GoValues.print(c.value());
                default -> "";
            };
        }

        private @Nullable Object operand(Node node, @Nullable Object dot) throws TemplateException {
            return switch (node) {
                case Node.Field field -> fieldChain(node, dot, field.path());
                case Node.Dot d -> dot;
                case Node.Variable variable -> {
                    int index = variableNames.lastIndexOf(variable.name());
                    Object value = index >= 0 ? variableValues.get(index) : null;
                    yield fieldChain(node, value, variable.path());
                }
                case Node.Constant constant -> constant.value();
                case Node.Parenthesised p -> fieldChain(node, pipe(p.pipe(), dot), p.path());
                case Node.Identifier identifier -> call(identifier, List.of(), dot, null, false);
                default -> throw error(node, "", "unexpected operand");
            };
        }

        private @Nullable Object fieldChain(Node node, @Nullable Object start, List<String> path)
                throws TemplateException {
            Object value = start;
            for (String field : path) {
                if (value == labels) {
                    String found = labels.get(field);
                    value = found == null ? "" : found;
                } else if (value instanceof Map<?, ?> map) {
                    value = map.get(field);
                } else if (value == null) {
                    throw error(node, describe(node), "nil pointer evaluating interface {}." + field);
                } else {
                    throw error(
                            node,
                            describe(node),
                            "can't evaluate field " + field + " in type " + GoValues.typeName(value));
                }
            }
            return value;
        }

        private @Nullable Object call(
                Node.Identifier identifier,
                List<Node> argNodes,
                @Nullable Object dot,
                @Nullable Object finalValue,
                boolean hasFinal)
                throws TemplateException {
            String fn = identifier.name();
            int count = argNodes.size() + (hasFinal ? 1 : 0);
            if (fn.equals("and") || fn.equals("or")) {
                if (count < 1) {
                    throw error(identifier, fn, "wrong number of args for " + fn + ": want at least 1 got 0");
                }
                Object value = null;
                for (int i = 0; i < count; i++) {
                    value = i < argNodes.size() ? operand(argNodes.get(i), dot) : finalValue;
                    boolean truth = GoValues.isTrue(value);
                    if (fn.equals("and") != truth) {
                        return value;
                    }
                }
                return value;
            }
            TemplateFunction function = TemplateFunctions.get(fn);
            if (function == null) {
                throw error(identifier, fn, "\"" + fn + "\" is not a defined function");
            }
            int fixed = function.params().size();
            if (function.variadic() == null ? count != fixed : count < fixed) {
                String want = function.variadic() == null ? Integer.toString(fixed) : "at least " + fixed;
                throw error(identifier, fn, "wrong number of args for " + fn + ": want " + want + " got " + count);
            }
            List<@Nullable Object> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ParamType type = i < fixed ? function.params().get(i) : function.variadic();
                Node argNode = i < argNodes.size() ? argNodes.get(i) : null;
                Object value = argNode != null ? operand(argNode, dot) : finalValue;
                args.add(convert(identifier, fn, java.util.Objects.requireNonNull(type), argNode, value));
            }
            try {
                return function.body().apply(args, entry);
            } catch (FunctionError e) {
                throw error(identifier, fn, "error calling " + fn + ": " + e.getMessage());
            }
        }

        private @Nullable Object convert(
                Node at, String fn, ParamType type, @Nullable Node argNode, @Nullable Object value)
                throws TemplateException {
            boolean numberConstant = argNode instanceof Node.Constant c && c.isNumber();
            switch (type) {
                case ANY -> {
                    return value;
                }
                case STRING -> {
                    if (value instanceof String) {
                        return value;
                    }
                    if (argNode instanceof Node.Constant c) {
                        throw error(at, fn, "expected string; found " + describe(c));
                    }
                }
                case INT -> {
                    if (value instanceof Integer) {
                        return value;
                    }
                    if (numberConstant && value instanceof Double d && d == Math.rint(d)) {
                        return (int) d.doubleValue();
                    }
                    if (argNode instanceof Node.Constant c) {
                        throw error(at, fn, "expected integer; found " + describe(c));
                    }
                }
                case FLOAT64 -> {
                    if (value instanceof Double) {
                        return value;
                    }
                    if (numberConstant && value instanceof Integer i) {
                        return i.doubleValue();
                    }
                }
                case TIME -> {
                    if (value instanceof GoTime) {
                        return value;
                    }
                }
            }
            if (value == null) {
                throw error(at, fn, "invalid value; expected " + type.goName());
            }
            throw error(
                    at, fn, "wrong type for value; expected " + type.goName() + "; got " + GoValues.typeName(value));
        }
    }
}
