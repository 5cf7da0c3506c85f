package io.skald.logql.syntax;

import org.jspecify.annotations.Nullable;

/**
 * The part of Go's {@code text/template} parsing that can be checked without evaluating: every <code>{{</code> action and
 * comment is closed. Deeper template errors surface when the engine compiles the template.
 */
final class GoTemplateCheck {
    private GoTemplateCheck() {}

    /** Go's error text ({@code template: line:1: unclosed action}) or null when the actions are closed. */
    static @Nullable String check(String template, String name) {
        int line = 1;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (!template.startsWith("{{", i)) {
                i++;
                continue;
            }
            int actionLine = line;
            i += 2;
            if (template.startsWith("-", i) && i + 1 < template.length() && isSpace(template.charAt(i + 1))) {
                i++;
            }
            while (i < template.length() && isSpace(template.charAt(i)) && template.charAt(i) != '\n') {
                i++;
            }
            if (template.startsWith("/*", i)) {
                int end = template.indexOf("*/", i + 2);
                if (end < 0) {
                    return "template: " + name + ":" + actionLine + ": unclosed comment";
                }
                line += count(template, i, end);
                i = end + 2;
                continue;
            }
            int end = actionEnd(template, i);
            if (end < 0) {
                return "template: " + name + ":" + actionLine + ": unclosed action";
            }
            line += count(template, i, end);
            i = end + 2;
        }
        return null;
    }

    /** Index of the closing braces of an action starting at {@code from}, skipping quoted text; -1 if none. */
    private static int actionEnd(String template, int from) {
        int i = from;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (template.startsWith("}}", i)) {
                return i;
            }
            if (c == '"' || c == '`' || c == '\'') {
                int close = i + 1;
                while (close < template.length() && template.charAt(close) != c) {
                    if (c != '`' && template.charAt(close) == '\\') {
                        close++;
                    }
                    close++;
                }
                i = close + 1;
                continue;
            }
            i++;
        }
        return -1;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
