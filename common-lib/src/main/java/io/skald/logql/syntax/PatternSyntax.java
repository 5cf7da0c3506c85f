package io.skald.logql.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Loki pattern ({@code <ip> - <_> "<method> <path>"}) into nodes: captures, written {@code <name>}, and the
 * literal text between them. The engine matches lines with these nodes.
 */
public final class PatternSyntax {
    private PatternSyntax() {}

    /** The nodes of {@code pattern} in order; captures keep their angle brackets, adjacent literals are merged. */
    public static List<String> parse(String pattern) {
        List<String> nodes = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int end = captureEnd(pattern, i);
            if (end > 0) {
                if (!literal.isEmpty()) {
                    nodes.add(literal.toString());
                    literal.setLength(0);
                }
                nodes.add(pattern.substring(i, end));
                i = end;
            } else {
                literal.append(pattern.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            nodes.add(literal.toString());
        }
        return nodes;
    }

    /** Whether a node from {@link #parse} is a capture ({@code <name>} or the unnamed {@code <_>}). */
    public static boolean isCapture(String node) {
        return node.length() > 2 && captureEnd(node, 0) == node.length();
    }

    private static int captureEnd(String s, int start) {
        if (s.charAt(start) != '<' || start + 1 >= s.length()) {
            return -1;
        }
        char first = s.charAt(start + 1);
        if (!(first == '_' || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return -1;
        }
        int i = start + 2;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '>') {
                return i + 1;
            }
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}
