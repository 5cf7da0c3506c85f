package io.skald.logql.log.golang;

import java.util.List;
import java.util.regex.MatchResult;

/**
 * Go's {@code Regexp.Expand}, used by {@code label_replace} and the template functions {@code regexReplaceAll}:
 * {@code $1}, {@code $name}, {@code ${name}}, {@code $$}. A malformed reference leaves its {@code $} as text; a
 * reference to a group that does not exist or did not take part in the match expands to nothing.
 */
public final class RegexpExpand {
    private RegexpExpand() {}

    /**
     * Appends {@code template} expanded against {@code match} to {@code out}; {@code groupNames.get(i)} is the name
     * of group {@code i} ("" when unnamed, index 0 being the whole match).
     */
    public static void expand(StringBuilder out, String template, MatchResult match, List<String> groupNames) {
        int i = 0;
        int length = template.length();
        while (i < length) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                out.append(template, i, length);
                return;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < length && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < length && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < length) {
                int cp = template.codePointAt(nameEnd);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                nameEnd += Character.charCount(cp);
            }
            boolean closed = !brace || (nameEnd < length && template.charAt(nameEnd) == '}');
            if (nameEnd == nameStart || !closed) {
                // Malformed: Go keeps the '$' and carries on after it.
                out.append('$');
                continue;
            }
            String name = template.substring(nameStart, nameEnd);
            i = brace ? nameEnd + 1 : nameEnd;
            int group = groupNumber(name);
            if (group < 0) {
                group = groupNames.indexOf(name);
            }
            if (group >= 0 && group <= match.groupCount()) {
                String value = match.group(group);
                if (value != null) {
                    out.append(value);
                }
            }
        }
    }

    /** The group a numeric name refers to, or -1 when the name is not a plain number (leading zeros included). */
    private static int groupNumber(String name) {
        if (name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || number >= 100_000_000) {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
