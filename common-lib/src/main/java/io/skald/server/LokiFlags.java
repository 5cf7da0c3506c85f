package io.skald.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Loki's command-line flags: {@code -config.file}, {@code -config.expand-env}, {@code -target}, and per-key overrides.
 * A flag {@code -section.some-key=value} overrides the YAML key {@code section.some_key}, which covers Loki's {@code
 * -server.*} and {@code -memberlist.*} flags; a few Loki flags with other names are mapped explicitly.
 */
public record LokiFlags(
        @Nullable Path configFile,
        boolean expandEnv,
        @Nullable String target,
        Map<String, String> overrides) {

    private static final Map<String, String> RENAMED = Map.of(
            "log.level", "server.log_level",
            "memberlist.join", "memberlist.join_members",
            "ingester.availability-zone", "ingester.lifecycler.availability_zone",
            "ingester.wal-dir", "ingester.wal.dir",
            "auth.enabled", "auth_enabled");

    /** Parses arguments; both {@code -flag=value} and {@code --flag=value}, and {@code -flag value}, are accepted. */
    public static LokiFlags parse(String... args) {
        Path configFile = null;
        boolean expandEnv = false;
        String target = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; flags look like -name=value");
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (isBoolean(body)) {
                name = body;
                value = "true";
            } else if (i + 1 < args.length) {
                name = body;
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag needs an argument: -" + body);
            }
            switch (name) {
                case "config.file" -> configFile = Path.of(value);
                case "config.expand-env" -> expandEnv = Boolean.parseBoolean(value);
                case "target" -> target = value;
                default -> {
                    String path = RENAMED.getOrDefault(name, toYamlPath(name));
                    if (path.equals("memberlist.join_members")) {
                        lists.computeIfAbsent(path, k -> new ArrayList<>()).add(value);
                    } else {
                        overrides.put(path, value);
                    }
                }
            }
        }
        lists.forEach((path, values) -> overrides.put(path, "[" + String.join(",", values) + "]"));
        return new LokiFlags(configFile, expandEnv, target, Map.copyOf(overrides));
    }

    private static boolean isBoolean(String name) {
        return name.equals("config.expand-env") || name.endsWith("enabled");
    }

    private static String toYamlPath(String flag) {
        return flag.replace('-', '_').toLowerCase(Locale.ROOT);
    }
}
