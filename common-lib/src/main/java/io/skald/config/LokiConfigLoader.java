package io.skald.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a Loki YAML config file: optional {@code ${VAR}} expansion ({@code -config.expand-env=true}), then per-key
 * overrides from command-line flags, then typed binding.
 */
public final class LokiConfigLoader {
    private static final Pattern ENV_REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-?([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern DOT = Pattern.compile("\\.");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    private LokiConfigLoader() {}

    /**
     * Loads a file.
     *
     * @param file the config file, or null for every default
     * @param expandEnv whether {@code ${VAR}} and {@code ${VAR:-default}} are replaced from the environment
     * @param environment variable lookup (System::getenv in production)
     * @param overrides dotted YAML paths set from flags, e.g. {@code server.http_listen_port=3101}
     */
    public static LokiConfig load(
            @Nullable Path file,
            boolean expandEnv,
            UnaryOperator<@Nullable String> environment,
            Map<String, String> overrides) {
        String text = "";
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
        }
        return parse(text, expandEnv, environment, overrides);
    }

    /** Parses config text; see {@link #load}. */
    public static LokiConfig parse(
            String text,
            boolean expandEnv,
            UnaryOperator<@Nullable String> environment,
            Map<String, String> overrides) {
        String expanded = expandEnv ? expand(text, environment) : text;
        Map<String, Object> document = parseYaml(expanded);
        overrides.forEach((path, value) -> set(document, path, value));
        return LokiConfig.bind(document);
    }

    /** Replaces {@code ${VAR}}, {@code ${VAR:-default}} and {@code $VAR}; unset variables without default become "". */
    static String expand(String text, UnaryOperator<@Nullable String> environment) {
        Matcher matcher = ENV_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
            String value = environment.apply(name);
            if (value == null || (value.isEmpty() && matcher.group(2) != null)) {
                value = matcher.group(2) != null ? matcher.group(2) : "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, Object> parseYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new NoTimestampResolver());
        Object document;
        try {
            document = yaml.load(text);
        } catch (YAMLException e) {
            throw new ConfigException("invalid YAML in config file: " + e.getMessage(), e);
        }
        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException("config file must be a YAML mapping at the top level");
        }
        return mutableCopy(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutableCopy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(
                String.valueOf(key), value instanceof Map<?, ?> nested ? mutableCopy(nested) : (Object) value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> document, String path, String value) {
        String[] parts = DOT.split(path, -1);
        Map<String, Object> node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = (Map<String, Object>) child;
        }
        Object parsed = value;
        if (value.startsWith("[") && value.endsWith("]")) {
            String inner = value.substring(1, value.length() - 1).trim();
            parsed = inner.isEmpty() ? java.util.List.of() : java.util.List.of(COMMA.split(inner, -1));
        }
        node.put(parts[parts.length - 1], parsed);
    }

    /** Leaves timestamps such as {@code from: 2024-01-01} as strings, which is how Loki's typed fields read them. */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
