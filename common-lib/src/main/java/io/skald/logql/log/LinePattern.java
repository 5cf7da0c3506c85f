package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Loki pattern expression such as {@code <ip> - <_> "<method> <path>"}: literals and captures ({@code <name>}, or
 * {@code <_>} to skip). Used by the {@code pattern} parser ({@link #matches}) and the {@code |>} filter ({@link #test}).
 */
public final class LinePattern {
    private static final String UNNAMED = "_";

    /** One element: a literal (UTF-8) or a capture name. */
    private static final class Node {
        private final byte[] literal;
        private final String capture;

        Node(byte[] literal, String capture) {
            this.literal = literal;
            this.capture = capture;
        }

        boolean isLiteral() {
            return capture.isEmpty();
        }
    }

    private final String source;
    private final List<Node> nodes;
    private final List<String> names;

    private LinePattern(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
        List<String> captureNames = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.isLiteral() && !node.capture.equals(UNNAMED)) {
                captureNames.add(node.capture);
            }
        }
        this.names = List.copyOf(captureNames);
    }

    /** Parses a pattern for the parser: at least one named capture, no two captures in a row, unique names. */
    public static LinePattern parseForParser(String pattern) {
        LinePattern parsed = parse(pattern);
        if (parsed.names.isEmpty()) {
            throw new IllegalArgumentException("at least one capture is required");
        }
        for (int i = 0; i + 1 < parsed.nodes.size(); i += 2) {
            if (!parsed.nodes.get(i).isLiteral() && !parsed.nodes.get(i + 1).isLiteral()) {
                throw new IllegalArgumentException("found consecutive capture: invalid expression");
            }
        }
        for (int i = 0; i < parsed.names.size(); i++) {
            String name = parsed.names.get(i);
            if (parsed.names.subList(0, i).contains(name)) {
                throw new IllegalArgumentException("duplicate capture name (" + name + "): invalid expression");
            }
            if (!ParsedNames.isValidLabelName(name)) {
                throw new IllegalArgumentException("invalid capture label name '" + name + "'");
            }
        }
        return parsed;
    }

    /** Parses a pattern for the {@code |>} line filter, where captures are optional. */
    public static LinePattern parse(String pattern) {
        List<Node> nodes = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '<') {
                int end = i + 1;
                while (end < pattern.length() && isIdentifierChar(pattern.charAt(end), end == i + 1)) {
                    end++;
                }
                if (end > i + 1 && end < pattern.length() && pattern.charAt(end) == '>') {
                    if (!literal.isEmpty()) {
                        nodes.add(new Node(literal.toString().getBytes(StandardCharsets.UTF_8), ""));
                        literal.setLength(0);
                    }
                    nodes.add(new Node(new byte[0], pattern.substring(i + 1, end)));
                    i = end + 1;
                    continue;
                }
            }
            literal.append(c);
            i++;
        }
        if (!literal.isEmpty()) {
            nodes.add(new Node(literal.toString().getBytes(StandardCharsets.UTF_8), ""));
        }
        return new LinePattern(pattern, List.copyOf(nodes));
    }

    private static boolean isIdentifierChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    }

    public String source() {
        return source;
    }

    /** The named captures in order. */
    public List<String> names() {
        return names;
    }

    /**
     * Loki's {@code Matcher.Matches}: the values of the named captures that matched, in order; fewer than
     * {@link #names()} when the line stops matching (the last capture then takes the rest of the line).
     */
    public List<String> matches(byte[] in) {
        List<String> captures = new ArrayList<>(names.size());
        if (in.length == 0 || nodes.isEmpty()) {
            return captures;
        }
        int pos = 0;
        int index = 0;
        if (nodes.get(0).isLiteral()) {
            byte[] first = nodes.get(0).literal;
            if (ByteSearch.indexOf(in, first) != 0) {
                return captures;
            }
            pos = first.length;
            index = 1;
        }
        while (index < nodes.size()) {
            Node capture = nodes.get(index);
            boolean named = !capture.capture.equals(UNNAMED);
            if (index == nodes.size() - 1) {
                if (named) {
                    captures.add(text(in, pos, in.length));
                }
                return captures;
            }
            byte[] literal = nodes.get(index + 1).literal;
            index += 2;
            int found = ByteSearch.indexOf(in, pos, in.length, literal);
            if (found < 0) {
                if (named) {
                    captures.add(text(in, pos, in.length));
                }
                return captures;
            }
            if (named) {
                captures.add(text(in, pos, found));
            }
            pos = found + literal.length;
        }
        return captures;
    }

    private static String text(byte[] in, int from, int to) {
        return new String(in, from, to - from, StandardCharsets.UTF_8);
    }

    /** Loki's {@code Matcher.Test}, the {@code |>} filter: literals in order, captures non-empty. */
    public boolean test(byte[] in) {
        if (in.length == 0 || nodes.isEmpty()) {
            return in.length == 0 && nodes.isEmpty();
        }
        int offset = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (!node.isLiteral()) {
                continue;
            }
            int found = ByteSearch.indexOf(in, offset, in.length, node.literal);
            if (found < 0) {
                return false;
            }
            if (i != 0 && found == offset) {
                return false;
            }
            offset = found + node.literal.length;
        }
        boolean requiresRemainder = !nodes.get(nodes.size() - 1).isLiteral();
        boolean hasRemainder = offset != in.length;
        return requiresRemainder == hasRemainder;
    }
}
