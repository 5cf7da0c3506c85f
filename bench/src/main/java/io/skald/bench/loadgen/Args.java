package io.skald.bench.loadgen;

import io.skald.labels.Labels;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@code --name value} and {@code --name=value} options of one subcommand; unknown names are an error. */
public final class Args {
    private static final Pattern COMMA = Pattern.compile(",");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Args() {}

    /** Parses options from {@code argv[from..]}. */
    public static Args parse(String[] argv, int from) {
        Args args = new Args();
        for (int i = from; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --option, got " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                args.values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < argv.length) {
                args.values.put(arg.substring(2), argv[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
        return args;
    }

    public boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    public @Nullable String string(String name) {
        used.add(name);
        return values.get(name);
    }

    public String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    public int intValue(String name, int fallback) {
        String value = string(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    public long longValue(String name, long fallback) {
        String value = string(name);
        return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    }

    public Duration duration(String name, Duration fallback) {
        String value = string(name);
        return value == null ? fallback : parseDuration(value);
    }

    /** {@code k=v,k2=v2} as a label set (empty when absent). */
    public Labels labels(String name) {
        String value = string(name);
        Labels.Builder builder = Labels.builder();
        if (value != null && !value.isBlank()) {
            for (String pair : COMMA.split(value, -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--" + name + " wants name=value pairs, got " + pair);
                }
                builder.set(
                        pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return builder.build();
    }

    /** Fails on options that no getter asked for: a typo must not silently run the default. */
    public void requireAllUsed() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a plain number of seconds. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }
        double amount = Double.parseDouble(t.substring(0, t.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofMillis(Math.round(amount * 1000));
            case 'm' -> Duration.ofMillis(Math.round(amount * 60_000));
            case 'h' -> Duration.ofMillis(Math.round(amount * 3_600_000));
            default -> throw new IllegalArgumentException("bad duration " + text);
        };
    }
}
