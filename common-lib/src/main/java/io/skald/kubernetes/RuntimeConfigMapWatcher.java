package io.skald.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.skald.config.ConfigException;
import io.skald.limits.Overrides;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the runtime-overrides ConfigMap through the Kubernetes API and applies its content to the service's
 * {@link Overrides} as soon as it changes. The kubelet refreshes the mounted file only after its sync period (up to
 * a minute or more); the file keeps being re-read as before and takes over once it changes too.
 */
public final class RuntimeConfigMapWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigMapWatcher.class);

    private final String name;
    private final String key;
    private final Supplier<List<Overrides>> targets;
    private final SharedIndexInformer<ConfigMap> informer;
    private final AtomicLong applied = new AtomicLong();

    /**
     * Starts watching; returns at once (the first list happens in the background, so a slow API does not delay
     * startup).
     *
     * @param name the ConfigMap's name
     * @param key its data key holding the runtime config document (the mounted file's name)
     * @param targets the overrides to update, looked up on each change
     */
    public RuntimeConfigMapWatcher(
            KubernetesClient client, String namespace, String name, String key, Supplier<List<Overrides>> targets) {
        this.name = name;
        this.key = key;
        this.targets = targets;
        this.informer =
                client.configMaps().inNamespace(namespace).withName(name).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap configMap) {
                changed(configMap);
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                changed(after);
            }

            @Override
            public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
                LOG.warn("runtime config ConfigMap {} was deleted; keeping the current overrides", name);
            }
        });
        informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("cannot watch the runtime config ConfigMap {}: {}", name, error.getMessage());
            }
        });
    }

    /** How many times a ConfigMap content was applied (for tests and diagnostics). */
    public long applied() {
        return applied.get();
    }

    private void changed(ConfigMap configMap) {
        Map<String, String> data = configMap.getData();
        @Nullable String document = data == null ? null : data.get(key);
        if (document == null) {
            LOG.warn("runtime config ConfigMap {} has no key {}; keeping the current overrides", name, key);
            return;
        }
        for (Overrides overrides : targets.get()) {
            try {
                overrides.apply(document);
            } catch (ConfigException e) {
                LOG.warn("keeping previous runtime overrides: ConfigMap {}: {}", name, e.getMessage());
                return;
            }
        }
        applied.incrementAndGet();
    }

    @Override
    public void close() {
        informer.close();
    }
}
