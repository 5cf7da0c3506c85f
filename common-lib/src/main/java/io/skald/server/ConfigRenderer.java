package io.skald.server;

import io.skald.config.ConfigReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Renders a {@link ConfigReport} as YAML for {@code /config}, hiding secrets as Loki does. */
public final class ConfigRenderer {
    private static final Pattern URL_CREDENTIALS = Pattern.compile("^(s3://|https?://)([^:@/]+):([^@/]+)@");

    private static final Pattern DOT = Pattern.compile("\\.");

    private ConfigRenderer() {}

    /** {@code mode}: null for the effective config, {@code diffs} or {@code defaults}. */
    public static String render(ConfigReport report, String mode) {
        Map<String, String> values = switch (mode) {
            case "diffs" -> report.diffs();
            case "defaults" -> report.defaults();
            default -> report.effective();
        };
        Map<String, Object> tree = new LinkedHashMap<>();
        values.forEach((path, value) -> put(tree, path, mask(path, value)));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        StringBuilder out = new StringBuilder(new Yaml(options).dump(tree));
        if (!"defaults".equals(mode) && !report.ignoredKeyLines().isEmpty()) {
            out.append("# keys in the config file that Skald ignores:\n");
            report.ignoredKeyLines()
                    .forEach(line -> out.append("#   ").append(line).append('\n'));
        }
        return out.toString();
    }

    static String mask(String path, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (path.endsWith("secret_access_key") || path.endsWith("password")) {
            return "<secret>";
        }
        return URL_CREDENTIALS.matcher(value).replaceFirst("$1$2:<secret>@");
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String path, String value) {
        List<String> parts = List.of(DOT.split(path, -1));
        Map<String, Object> node = tree;
        for (String part : parts.subList(0, parts.size() - 1)) {
            node = (Map<String, Object>) node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts.getLast(), value);
    }
}
