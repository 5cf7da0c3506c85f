package io.skald.logql.log.template;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Go's reference-time layouts ({@code 2006-01-02T15:04:05.000Z07:00}): formatting and parsing. */
final class GoTimeLayout {
    private static final String[] TOKENS = {
        "January",
        "Monday",
        "2006",
        "-07:00:00",
        "-070000",
        "Z07:00:00",
        "Z070000",
        "Z07:00",
        "Z0700",
        "-07:00",
        "-0700",
        "Z07",
        "-07",
        "Jan",
        "Mon",
        "MST",
        "002",
        "__2",
        "_2",
        "15",
        "06",
        "01",
        "02",
        "03",
        "04",
        "05",
        "PM",
        "pm",
        "1",
        "2",
        "3",
        "4",
        "5"
    };

    private GoTimeLayout() {}

    /** The token at {@code i} of the layout (fractional seconds included), or null for a literal character. */
    private static @Nullable String tokenAt(String layout, int i) {
        char c = layout.charAt(i);
        if ((c == '.' || c == ',')
                && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                return layout.substring(i, j);
            }
        }
        for (String token : TOKENS) {
            if (layout.startsWith(token, i)) {
                if (token.equals("Jan") && layout.startsWith("January", i)) {
                    continue;
                }
                if (token.equals("Mon") && layout.startsWith("Monday", i)) {
                    continue;
                }
                if (token.equals("Mon") || token.equals("Jan")) {
                    return token;
                }
                return token;
            }
        }
        return null;
    }

    static String format(GoTime value, String layout) {
        ZonedDateTime t = value.time();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String token = tokenAt(layout, i);
            if (token == null) {
                out.append(layout.charAt(i));
                i++;
                continue;
            }
            i += token.length();
            int offsetSeconds = t.getOffset().getTotalSeconds();
            switch (token) {
                case "2006" -> out.append(String.format("%04d", t.getYear()));
                case "06" -> out.append(String.format("%02d", Math.floorMod(t.getYear(), 100)));
                case "01" -> out.append(String.format("%02d", t.getMonthValue()));
                case "1" -> out.append(t.getMonthValue());
                case "Jan" -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "January" -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "02" -> out.append(String.format("%02d", t.getDayOfMonth()));
                case "2" -> out.append(t.getDayOfMonth());
                case "_2" -> out.append(String.format("%2d", t.getDayOfMonth()));
                case "002" -> out.append(String.format("%03d", t.getDayOfYear()));
                case "__2" -> out.append(String.format("%3d", t.getDayOfYear()));
                case "Mon" -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "Monday" -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "15" -> out.append(String.format("%02d", t.getHour()));
                case "03" -> out.append(String.format("%02d", hour12(t.getHour())));
                case "3" -> out.append(hour12(t.getHour()));
                case "04" -> out.append(String.format("%02d", t.getMinute()));
                case "4" -> out.append(t.getMinute());
                case "05" -> out.append(String.format("%02d", t.getSecond()));
                case "5" -> out.append(t.getSecond());
                case "PM" -> out.append(t.getHour() >= 12 ? "PM" : "AM");
                case "pm" -> out.append(t.getHour() >= 12 ? "pm" : "am");
                case "MST" -> out.append(zoneAbbreviation(t));
                default -> {
                    if (token.startsWith(".") || token.startsWith(",")) {
                        appendFraction(out, token, t.getNano());
                    } else {
                        appendZone(out, token, offsetSeconds);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hour12(int hour) {
        int h = hour % 12;
        return h == 0 ? 12 : h;
    }

    private static String zoneAbbreviation(ZonedDateTime t) {
        if (t.getZone().equals(ZoneOffset.UTC)
                || t.getZone().getId().equals("UTC")
                || t.getZone().getId().equals("Z")) {
            return "UTC";
        }
        if (t.getZone() instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            String sign = seconds < 0 ? "-" : "+";
            int abs = Math.abs(seconds);
            return sign
                    + String.format("%02d", abs / 3600)
                    + (abs % 3600 / 60 != 0 ? String.format("%02d", abs % 3600 / 60) : "");
        }
        return t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static void appendFraction(StringBuilder out, String token, int nanos) {
        int digits = token.length() - 1;
        String all = String.format("%09d", nanos).substring(0, Math.min(9, digits));
        if (token.charAt(1) == '9') {
            int end = all.length();
            while (end > 0 && all.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            out.append(token.charAt(0)).append(all, 0, end);
            return;
        }
        out.append(token.charAt(0)).append(all);
    }

    private static void appendZone(StringBuilder out, String token, int offsetSeconds) {
        if (token.startsWith("Z") && offsetSeconds == 0) {
            out.append('Z');
            return;
        }
        int abs = Math.abs(offsetSeconds);
        out.append(offsetSeconds < 0 ? '-' : '+');
        out.append(String.format("%02d", abs / 3600));
        boolean colon = token.contains(":");
        String body = token.replace("Z", "").replace("-", "").replace(":", "");
        if (body.length() >= 4) {
            if (colon) {
                out.append(':');
            }
            out.append(String.format("%02d", abs % 3600 / 60));
        }
        if (body.length() >= 6) {
            if (colon) {
                out.append(':');
            }
            out.append(String.format("%02d", abs % 60));
        }
    }

    /** {@code time.ParseInLocation}; null when the value does not fit the layout. */
    static @Nullable GoTime parse(String layout, String value, ZoneId zone) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean pm = false;
        boolean hasAmPm = false;
        Integer offset = null;
        int i = 0;
        int v = 0;
        try {
            while (i < layout.length()) {
                String token = tokenAt(layout, i);
                if (token == null) {
                    if (v >= value.length() || value.charAt(v) != layout.charAt(i)) {
                        return null;
                    }
                    i++;
                    v++;
                    continue;
                }
                i += token.length();
                switch (token) {
                    case "2006" -> {
                        year = Integer.parseInt(value.substring(v, v + 4));
                        v += 4;
                    }
                    case "06" -> {
                        int y = Integer.parseInt(value.substring(v, v + 2));
                        year = y >= 69 ? 1900 + y : 2000 + y;
                        v += 2;
                    }
                    case "01", "02", "15", "03", "04", "05" -> {
                        int n = Integer.parseInt(value.substring(v, v + 2));
                        v += 2;
                        switch (token) {
                            case "01" -> month = n;
                            case "02" -> day = n;
                            case "15", "03" -> hour = n;
                            case "04" -> minute = n;
                            default -> second = n;
                        }
                    }
                    case "1", "2", "3", "4", "5", "_2" -> {
                        if (token.equals("_2") && v < value.length() && value.charAt(v) == ' ') {
                            v++;
                        }
                        int start = v;
                        while (v < value.length() && v - start < 2 && Character.isDigit(value.charAt(v))) {
                            v++;
                        }
                        int n = Integer.parseInt(value.substring(start, v));
                        switch (token) {
                            case "1" -> month = n;
                            case "2", "_2" -> day = n;
                            case "3" -> hour = n;
                            case "4" -> minute = n;
                            default -> second = n;
                        }
                    }
                    case "Jan", "January" -> {
                        int found = -1;
                        for (int m = 1; m <= 12; m++) {
                            String name = java.time.Month.of(m)
                                    .getDisplayName(
                                            token.equals("Jan") ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
                            if (value.startsWith(name, v)) {
                                found = m;
                                v += name.length();
                                break;
                            }
                        }
                        if (found < 0) {
                            return null;
                        }
                        month = found;
                    }
                    case "Mon", "Monday" -> {
                        while (v < value.length() && Character.isLetter(value.charAt(v))) {
                            v++;
                        }
                    }
                    case "PM", "pm" -> {
                        hasAmPm = true;
                        pm = value.regionMatches(true, v, "PM", 0, 2);
                        v += 2;
                    }
                    case "MST" -> {
                        while (v < value.length() && Character.isLetter(value.charAt(v))) {
                            v++;
                        }
                    }
                    default -> {
                        if (token.startsWith(".") || token.startsWith(",")) {
                            if (v < value.length() && (value.charAt(v) == '.' || value.charAt(v) == ',')) {
                                v++;
                                int start = v;
                                while (v < value.length() && Character.isDigit(value.charAt(v))) {
                                    v++;
                                }
                                String digits = (value.substring(start, v) + "000000000").substring(0, 9);
                                nanos = Integer.parseInt(digits);
                            }
                        } else {
                            if (token.startsWith("Z") && v < value.length() && value.charAt(v) == 'Z') {
                                v++;
                                offset = 0;
                            } else {
                                int sign = value.charAt(v) == '-' ? -1 : 1;
                                v++;
                                int h = Integer.parseInt(value.substring(v, v + 2));
                                v += 2;
                                int m = 0;
                                if (token.length() > 3) {
                                    if (value.charAt(v) == ':') {
                                        v++;
                                    }
                                    m = Integer.parseInt(value.substring(v, v + 2));
                                    v += 2;
                                }
                                offset = sign * (h * 3600 + m * 60);
                            }
                        }
                    }
                }
            }
            if (v != value.length()) {
                return null;
            }
            if (hasAmPm) {
                if (pm && hour < 12) {
                    hour += 12;
                } else if (!pm && hour == 12) {
                    hour = 0;
                }
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            ZonedDateTime time = offset == null
                    ? local.atZone(zone)
                    : local.atOffset(ZoneOffset.ofTotalSeconds(offset)).toZonedDateTime();
            return new GoTime(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
