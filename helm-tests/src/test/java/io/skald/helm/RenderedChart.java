package io.skald.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The chart rendered by {@code helm template}, parsed into fabric8 objects. */
record RenderedChart(String release, String manifest, List<HasMetadata> objects) {
    static final String RELEASE = "skald";
    static final String NAMESPACE = "logging";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The chart directory: {@code helm/skald} beside this module. */
    static Path chartDir() {
        Path dir = Path.of(System.getProperty("skald.chart.dir", "../helm/skald"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no Chart.yaml in " + dir);
        }
        return dir;
    }

    /** Renders with the chart defaults plus the given values files (later ones win), as release "skald". */
    static RenderedChart render(Path... valuesFiles) {
        return renderRelease(RELEASE, valuesFiles);
    }

    /** Renders as the given release name in namespace "logging". */
    static RenderedChart renderRelease(String release, Path... valuesFiles) {
        TemplateCommand template =
                new Helm(chartDir()).template().withName(release).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        String manifest = template.call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifest, -1)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return new RenderedChart(release, manifest, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in:\n"
                        + objects.stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toList()));
    }

    /** The chart's resource name prefix: the release name, with "-skald" appended unless it already contains it. */
    String fullname() {
        return release.contains("skald") ? release : release + "-skald";
    }

    /** The shared Skald config file from the config ConfigMap. */
    String configText() {
        return get(ConfigMap.class, fullname() + "-config").getData().get("config.yaml");
    }

    /** The per-tenant overrides file from the runtime ConfigMap. */
    String runtimeConfigText() {
        return get(ConfigMap.class, fullname() + "-runtime").getData().get("runtime.yaml");
    }

    /** The Deployments and StatefulSets whose pods carry the given component label. */
    List<Workload> workloads(String component) {
        List<Workload> out = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            if (component.equals(componentOf(d))) {
                out.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getReplicas()));
            }
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            if (component.equals(componentOf(s))) {
                out.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getReplicas()));
            }
        }
        return out;
    }

    private static @Nullable String componentOf(HasMetadata object) {
        return object.getMetadata().getLabels().get("app.kubernetes.io/component");
    }

    /** One Deployment or StatefulSet with its pod template; replicas is null when an HPA owns it. */
    record Workload(
            HasMetadata object,
            PodTemplateSpec template,
            @Nullable Integer replicas) {
        Container container() {
            List<Container> containers = template.getSpec().getContainers();
            if (containers.size() != 1) {
                throw new AssertionError(object.getMetadata().getName() + " has " + containers.size() + " containers");
            }
            return containers.get(0);
        }

        /**
         * The container's environment as the JVM would see it: plain values as given, values from Secrets and the
         * downward API as a recognisable placeholder.
         */
        Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            for (EnvVar var : container().getEnv()) {
                String value;
                if (var.getValue() != null) {
                    value = var.getValue();
                } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                    value = "secret:" + var.getValueFrom().getSecretKeyRef().getName() + "/"
                            + var.getValueFrom().getSecretKeyRef().getKey();
                } else {
                    value = "field:" + var.getName();
                }
                env.put(var.getName(), value);
            }
            return env;
        }
    }
}
