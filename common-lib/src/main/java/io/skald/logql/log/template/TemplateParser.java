package io.skald.logql.log.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A recursive-descent parser for Go template text, producing {@link Node}s; errors read like Go's. */
final class TemplateParser {
    private final String name;
    private final String src;
    private final Set<String> functions;
    private int pos;
    private final List<String> variables = new ArrayList<>();

    TemplateParser(String name, String src, Set<String> functions) {
        this.name = name;
        this.src = src;
        this.functions = functions;
        this.variables.add("$");
    }

    /** Parses the whole template. */
    List<Node> parse() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        String end = parseList(nodes, false);
        if (end != null) {
            throw error("unexpected {{" + end + "}}");
        }
        return nodes;
    }

    private TemplateException error(String message) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return new TemplateException("template: " + name + ":" + line + ": " + message);
    }

    /** Parses text and actions until {{end}}/{{else ...}} (returned) or the end of input (null). */
    private @Nullable String parseList(List<Node> nodes, boolean inBranch) throws TemplateException {
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            int textEnd = open < 0 ? src.length() : open;
            boolean trimLeft = open >= 0 && isTrimMarker(open);
            String text = src.substring(pos, textEnd);
            if (trimLeft) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                nodes.add(new Node.Text(pos, text));
            }
            if (open < 0) {
                pos = src.length();
                return null;
            }
            pos = open + 2 + (trimLeft ? 2 : 0);
            skipSpaces();
            if (src.startsWith("/*", pos)) {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("unclosed comment");
                }
                pos = close + 2;
                skipSpaces();
                closeAction();
                continue;
            }
            String keyword = peekWord();
            switch (keyword) {
                case "end" -> {
                    pos += 3;
                    skipSpaces();
                    closeAction();
                    if (!inBranch) {
                        throw error("unexpected {{end}}");
                    }
                    return "end";
                }
                case "else" -> {
                    pos += 4;
                    skipSpaces();
                    if (!inBranch) {
                        throw error("unexpected {{else}}");
                    }
                    if (src.startsWith("if", pos) && !isWordChar(pos + 2)) {
                        return "else if";
                    }
                    closeAction();
                    return "else";
                }
                case "if", "with", "range" -> {
                    int start = pos;
                    pos += keyword.length();
                    nodes.add(parseBranch(start, keyword));
                }
                case "define", "template", "block", "break", "continue" ->
                    throw error("unsupported action {{" + keyword + "}}");
                default -> {
                    int start = pos;
                    Node.Pipe pipe = parsePipe(start, true);
                    closeAction();
                    nodes.add(new Node.Action(start, pipe));
                }
            }
        }
        return null;
    }

    private Node parseBranch(int start, String keyword) throws TemplateException {
        int vars = variables.size();
        Node.Pipe pipe = parsePipe(start, true);
        closeAction();
        List<Node> list = new ArrayList<>();
        String end = parseList(list, true);
        List<Node> elseList = null;
        if (end == null) {
            throw error("unexpected EOF");
        }
        if (end.equals("else")) {
            elseList = new ArrayList<>();
            String elseEnd = parseList(elseList, true);
            if (!"end".equals(elseEnd)) {
                throw error("expected end; found " + elseEnd);
            }
        } else if (end.equals("else if")) {
            elseList = new ArrayList<>();
            int ifStart = pos;
            pos += 2;
            elseList.add(parseBranch(ifStart, "if"));
        }
        while (variables.size() > vars) {
            variables.remove(variables.size() - 1);
        }
        Node.Kind kind = switch (keyword) {
            case "if" -> Node.Kind.IF;
            case "with" -> Node.Kind.WITH;
            default -> Node.Kind.RANGE;
        };
        return new Node.Branch(start, kind, pipe, List.copyOf(list), elseList == null ? null : List.copyOf(elseList));
    }

    private void closeAction() throws TemplateException {
        skipSpaces();
        if (src.startsWith("-}}", pos) && pos > 0 && Character.isWhitespace(src.charAt(pos - 1))) {
            pos += 3;
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            return;
        }
        if (!src.startsWith("}}", pos)) {
            if (pos >= src.length()) {
                throw error("unclosed action");
            }
            throw error("unexpected \"" + src.charAt(pos) + "\" in command");
        }
        pos += 2;
    }

    private boolean isTrimMarker(int open) {
        return src.startsWith("{{-", open) && open + 3 < src.length() && Character.isWhitespace(src.charAt(open + 3));
    }

    private boolean atActionEnd() {
        return src.startsWith("}}", pos)
                || (src.startsWith("-}}", pos) && pos > 0 && Character.isWhitespace(src.charAt(pos - 1)));
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private void skipSpaces() {
        while (pos < src.length()
                && (src.charAt(pos) == ' '
                        || src.charAt(pos) == '\t'
                        || src.charAt(pos) == '\r'
                        || src.charAt(pos) == '\n')) {
            pos++;
        }
    }

    private String peekWord() {
        int end = pos;
        while (end < src.length() && isWordChar(end)) {
            end++;
        }
        return src.substring(pos, end);
    }

    private boolean isWordChar(int index) {
        if (index >= src.length()) {
            return false;
        }
        char c = src.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Parses {@code [$x :=] command | command ...} up to the end of the action or a closing parenthesis. */
    private Node.Pipe parsePipe(int start, boolean inAction) throws TemplateException {
        skipSpaces();
        List<String> declarations = new ArrayList<>();
        boolean assign = false;
        int save = pos;
        if (pos < src.length() && src.charAt(pos) == '$') {
            String variable = readVariableName();
            skipSpaces();
            if (src.startsWith(":=", pos) || (src.startsWith("=", pos) && !src.startsWith("==", pos))) {
                assign = src.charAt(pos) == '=';
                pos += assign ? 1 : 2;
                declarations.add(variable);
            } else if (src.startsWith(",", pos)) {
                pos++;
                skipSpaces();
                String second = readVariableName();
                skipSpaces();
                if (!src.startsWith(":=", pos)) {
                    throw error("too many declarations in command");
                }
                pos += 2;
                declarations.add(variable);
                declarations.add(second);
            } else {
                pos = save;
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            skipSpaces();
            commands.add(parseCommand(inAction));
            skipSpaces();
            if (pos < src.length() && src.charAt(pos) == '|') {
                pos++;
                continue;
            }
            break;
        }
        if (!assign) {
            variables.addAll(declarations);
        }
        return new Node.Pipe(start, List.copyOf(declarations), assign, List.copyOf(commands));
    }

    private String readVariableName() {
        int begin = pos;
        pos++;
        while (isWordChar(pos)) {
            pos++;
        }
        return src.substring(begin, pos);
    }

    private Node.Command parseCommand(boolean inAction) throws TemplateException {
        int start = pos;
        List<Node> args = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= src.length()) {
                throw error("unclosed action");
            }
            char c = src.charAt(pos);
            if (c == '|' || c == ')' || (inAction && atActionEnd())) {
                break;
            }
            args.add(parseOperand());
        }
        if (args.isEmpty()) {
            throw error("missing value for command");
        }
        return new Node.Command(start, List.copyOf(args));
    }

    private Node parseOperand() throws TemplateException {
        int start = pos;
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            Node.Pipe pipe = parsePipe(start, false);
            skipSpaces();
            if (pos >= src.length() || src.charAt(pos) != ')') {
                throw error("unclosed left paren");
            }
            pos++;
            return new Node.Parenthesised(start, pipe, readFieldChain());
        }
        if (c == '.') {
            if (pos + 1 < src.length() && isWordChar(pos + 1) && !Character.isDigit(src.charAt(pos + 1))) {
                return new Node.Field(start, readFieldChain());
            }
            if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                return parseNumber(start);
            }
            pos++;
            return new Node.Dot(start);
        }
        if (c == '$') {
            String variable = readVariableName();
            if (!variables.contains(variable)) {
                throw error("undefined variable \"" + variable + "\"");
            }
            return new Node.Variable(start, variable, readFieldChain());
        }
        if (c == '"') {
            return new Node.Constant(start, readQuoted(), "", false);
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unterminated raw quoted string");
            }
            String value = src.substring(pos + 1, end);
            pos = end + 1;
            return new Node.Constant(start, value, "", false);
        }
        if (c == '\'') {
            int end = src.indexOf('\'', pos + 1);
            if (end < 0) {
                throw error("unterminated character constant");
            }
            String body = src.substring(pos + 1, end);
            pos = end + 1;
            int code = body.startsWith("\\") ? unescapeChar(body) : body.codePointAt(0);
            return new Node.Constant(start, code, Integer.toString(code), true);
        }
        if (Character.isDigit(c)
                || ((c == '-' || c == '+')
                        && pos + 1 < src.length()
                        && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.'))) {
            return parseNumber(start);
        }
        String word = peekWord();
        if (word.isEmpty()) {
            throw error("unexpected \"" + c + "\" in operand");
        }
        pos += word.length();
        return switch (word) {
            case "true" -> new Node.Constant(start, true, word, false);
            case "false" -> new Node.Constant(start, false, word, false);
            case "nil" -> new Node.Constant(start, null, word, false);
            default -> {
                if (!functions.contains(word)) {
                    throw error("function \"" + word + "\" not defined");
                }
                yield new Node.Identifier(start, word);
            }
        };
    }

    private static int unescapeChar(String body) {
        return switch (body) {
            case "\\n" -> '\n';
            case "\\t" -> '\t';
            case "\\r" -> '\r';
            case "\\\\" -> '\\';
            case "\\'" -> '\'';
            default -> body.length() > 1 ? body.charAt(1) : '\\';
        };
    }

    private List<String> readFieldChain() {
        List<String> path = new ArrayList<>();
        while (pos < src.length() && src.charAt(pos) == '.' && isWordChar(pos + 1)) {
            int begin = ++pos;
            while (isWordChar(pos)) {
                pos++;
            }
            path.add(src.substring(begin, pos));
        }
        return List.copyOf(path);
    }

    private Node parseNumber(int start) throws TemplateException {
        int end = pos;
        while (end < src.length()) {
            char ch = src.charAt(end);
            boolean sign = (ch == '+' || ch == '-') && (end == pos || "eEpP".indexOf(src.charAt(end - 1)) >= 0);
            if (Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || sign) {
                end++;
            } else {
                break;
            }
        }
        String text = src.substring(pos, end);
        pos = end;
        Object value = GoValues.parseNumberLiteral(text);
        if (value == null) {
            throw error("bad number syntax: \"" + text + "\"");
        }
        return new Node.Constant(start, value, text, true);
    }

    private String readQuoted() throws TemplateException {
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return out.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < src.length()) {
                char e = src.charAt(i + 1);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    case 'x' -> {
                        out.append((char) Integer.parseInt(src.substring(i + 2, i + 4), 16));
                        i += 2;
                    }
                    case 'u' -> {
                        out.append((char) Integer.parseInt(src.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> throw error("invalid syntax");
                }
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        throw error("unterminated quoted string");
    }
}
