package io.skald.kubernetes.autoconfigure;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.skald.config.LokiConfig;
import io.skald.kubernetes.RuntimeConfigMapWatcher;
import io.skald.limits.Overrides;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Skald's side of Spring Cloud Kubernetes, active only when Spring sees the Kubernetes cloud platform (inside a pod,
 * or {@code spring.main.cloud-platform=kubernetes}; the chart sets it, and sets {@code none} when its switch is
 * off). Locally nothing here exists and no Kubernetes API is called.
 */
@AutoConfiguration(
        afterName = {
            "io.skald.server.autoconfigure.SkaldServerAutoConfiguration",
            "org.springframework.cloud.kubernetes.fabric8.Fabric8AutoConfiguration"
        })
@ConditionalOnCloudPlatform(CloudPlatform.KUBERNETES)
@ConditionalOnBean({LokiConfig.class, KubernetesClient.class})
public class KubernetesAutoConfiguration {
    /** The runtime-overrides ConfigMap's name (the chart sets it through SKALD_KUBERNETES_RUNTIME_CONFIG_MAP). */
    public static final String RUNTIME_CONFIG_MAP = "skald.kubernetes.runtime-config-map";

    /** Only in services that hold per-tenant overrides (distributor, ingester, querier). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(RUNTIME_CONFIG_MAP)
    @ConditionalOnBean(Overrides.class)
    RuntimeConfigMapWatcher runtimeConfigMapWatcher(
            KubernetesClient client, LokiConfig config, Environment environment, ObjectProvider<Overrides> overrides) {
        String name = environment.getRequiredProperty(RUNTIME_CONFIG_MAP);
        String file = config.runtimeConfigFile();
        // The ConfigMap is mounted as a directory: the file's name is the data key.
        String key =
                file.isBlank() ? "runtime.yaml" : String.valueOf(Path.of(file).getFileName());
        String namespace = environment.getProperty("skald.kubernetes.namespace", client.getNamespace());
        return new RuntimeConfigMapWatcher(
                client, namespace, name, key, () -> overrides.orderedStream().toList());
    }
}
