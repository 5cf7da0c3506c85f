package io.skald.limits;

import io.skald.config.ConfigException;
import io.skald.config.LimitsConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Per-tenant limits: the {@code limits_config} defaults, with overrides from a Loki runtime config file
 * ({@code overrides: {tenant: {ingestion_rate_mb: 10, ...}}}) laid over them key by key. The file is re-read
 * periodically; a file that fails to load keeps the last good overrides. {@link #close()} stops the reloading (the
 * executor stays the caller's). In Kubernetes the runtime ConfigMap's content is also {@link #apply applied} as soon as
 * the API reports a change, before the kubelet has refreshed the mounted file.
 */
public final class Overrides implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Overrides.class);

    private final LimitsConfig defaults;
    private final @Nullable Path file;
    private volatile Map<String, LimitsConfig> tenants;
    /** What the file held at the last read: only a change of the file replaces overrides applied from elsewhere. */
    private Map<String, LimitsConfig> lastFromFile;

    private final AtomicLong generation = new AtomicLong();
    private @Nullable ScheduledFuture<?> reloading;

    private Overrides(LimitsConfig defaults, @Nullable Path file, Map<String, LimitsConfig> tenants) {
        this.defaults = defaults;
        this.file = file;
        this.tenants = Map.copyOf(tenants);
        this.lastFromFile = this.tenants;
    }

    /** Only the defaults, for every tenant. */
    public static Overrides of(LimitsConfig defaults) {
        return new Overrides(defaults, null, Map.of());
    }

    /** Fixed per-tenant limits (tests, or a caller that loads them itself). */
    public static Overrides of(LimitsConfig defaults, Map<String, LimitsConfig> tenants) {
        return new Overrides(defaults, null, tenants);
    }

    /**
     * Loads {@code file} now (failing if it is invalid) and re-reads it every {@code period} on {@code executor}.
     *
     * @throws ConfigException when the file cannot be read or is not a valid runtime config
     */
    public static Overrides watch(
            Path file, LimitsConfig defaults, Duration period, ScheduledExecutorService executor) {
        Overrides overrides = new Overrides(defaults, file, load(file, defaults));
        long millis = Math.max(1, period.toMillis());
        overrides.reloading =
                executor.scheduleWithFixedDelay(overrides::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return overrides;
    }

    /** The limits in force for {@code tenant}: its override, or the defaults. */
    public LimitsConfig forTenant(String tenant) {
        LimitsConfig limits = tenants.get(tenant);
        return limits != null ? limits : defaults;
    }

    public LimitsConfig defaults() {
        return defaults;
    }

    /** The tenants that have overrides, with their effective limits. */
    public Map<String, LimitsConfig> tenantOverrides() {
        return tenants;
    }

    /** Increments each time a reload changes the overrides; callers can use it to refresh derived state. */
    public long generation() {
        return generation.get();
    }

    /**
     * Re-reads the runtime file now.
     *
     * @throws ConfigException when it cannot be read or is invalid; the previous overrides stay in force
     */
    public synchronized void reload() {
        Path path = file;
        if (path == null) {
            return;
        }
        Map<String, LimitsConfig> loaded = load(path, defaults);
        if (loaded.equals(lastFromFile)) {
            return;
        }
        lastFromFile = loaded;
        replace(loaded);
    }

    /**
     * Puts the overrides of a runtime config document in force now, e.g. the content of a ConfigMap that changed
     * before its mounted copy did. The file replaces them again only once the file itself changes.
     *
     * @throws ConfigException when {@code yaml} is not a valid runtime config; the previous overrides stay in force
     */
    public synchronized void apply(String yaml) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new ConfigException("runtime config: invalid YAML: " + e.getMessage());
        }
        replace(parse(document, defaults));
    }

    private void replace(Map<String, LimitsConfig> loaded) {
        if (!loaded.equals(tenants)) {
            tenants = loaded;
            generation.incrementAndGet();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("keeping previous runtime overrides: {}", e.getMessage());
        }
    }

    /** Stops periodic reloading; the executor is not shut down. */
    @Override
    public void close() {
        ScheduledFuture<?> future = reloading;
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Parses a runtime config document's {@code overrides} section. */
    static Map<String, LimitsConfig> parse(@Nullable Object document, LimitsConfig defaults) {
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new ConfigException("runtime config: expected a mapping at the top level");
        }
        Object section = root.get("overrides");
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> perTenant)) {
            throw new ConfigException("runtime config: overrides: expected a mapping of tenant to limits");
        }
        Map<String, LimitsConfig> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : perTenant.entrySet()) {
            String tenant = String.valueOf(entry.getKey());
            Object limits = entry.getValue();
            if (limits == null) {
                result.put(tenant, defaults);
                continue;
            }
            if (!(limits instanceof Map<?, ?> map)) {
                throw new ConfigException("runtime config: overrides." + tenant + ": expected a mapping");
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            map.forEach((k, v) -> keys.put(String.valueOf(k), v));
            try {
                result.put(tenant, LimitsConfig.fromYaml(keys, defaults));
            } catch (ConfigException e) {
                throw new ConfigException("runtime config: overrides." + tenant + "." + e.getMessage());
            }
        }
        return result;
    }

    private static Map<String, LimitsConfig> load(Path file, LimitsConfig defaults) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new ConfigException("runtime config " + file.getFileName() + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof ConfigException configException) {
                throw configException;
            }
            throw new ConfigException("runtime config " + file.getFileName() + ": invalid YAML: " + e.getMessage());
        }
        return parse(document, defaults);
    }
}
