package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.helm.ChartProfile.Component;
import io.skald.helm.RenderedChart.Workload;
import io.skald.server.LokiFlags;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Renders the chart with each values profile and checks the manifests and the config they carry. */
class ChartRenderTest {
    private static final String MEMBERLIST_FQDN = "skald-memberlist.logging.svc.cluster.local";
    private static final Map<ChartProfile, RenderedChart> RENDERED = new EnumMap<>(ChartProfile.class);

    private static synchronized RenderedChart rendered(ChartProfile profile) {
        return RENDERED.computeIfAbsent(profile, ChartProfile::render);
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void everyEnabledComponentIsPresentWithItsKind(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (Component component : Component.values()) {
            List<Workload> workloads = chart.workloads(component.label);
            if (!profile.enabled.contains(component)) {
                assertThat(workloads).as(component.label).isEmpty();
                assertThat(chart.find(Service.class, "skald-" + component.label))
                        .as(component.label)
                        .isEmpty();
                continue;
            }
            int expected = component == Component.INGESTER && !profile.zones.isEmpty() ? profile.zones.size() : 1;
            assertThat(workloads).as(component.label).hasSize(expected);
            assertThat(workloads)
                    .as(component.label)
                    .allSatisfy(w -> assertThat(w.object().getKind()).isEqualTo(component.kind));
            assertThat(workloads)
                    .allSatisfy(w -> assertThat(w.container().getArgs())
                            .startsWith("-config.file=/etc/skald/config.yaml", "-target=" + component.label));
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void servicesExposeHttpAndGrpcWithHeadlessTwins(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (Component component : profile.enabled) {
            if (component == Component.GATEWAY) {
                Service gateway = chart.get(Service.class, "skald-gateway");
                assertThat(gateway.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "gateway");
                List<Ingress> ingresses = chart.all(Ingress.class);
                if (profile == ChartProfile.PRODUCTION) {
                    assertThat(ingresses)
                            .singleElement()
                            .satisfies(ingress -> assertThat(ingress.getSpec().getRules())
                                    .flatExtracting(r -> r.getHttp().getPaths())
                                    .allSatisfy(p -> {
                                        assertThat(p.getBackend().getService().getName())
                                                .isEqualTo("skald-gateway");
                                        assertThat(p.getBackend()
                                                        .getService()
                                                        .getPort()
                                                        .getName())
                                                .isEqualTo("http");
                                    }));
                } else {
                    assertThat(ingresses).isEmpty();
                }
                assertThat(gateway.getSpec().getPorts())
                        .extracting(ServicePort::getName)
                        .containsExactly("http");
                assertThat(gateway.getSpec().getType())
                        .isEqualTo(profile == ChartProfile.PRODUCTION ? "LoadBalancer" : "ClusterIP");
                continue;
            }
            Service service = chart.get(Service.class, "skald-" + component.label);
            Service headless = chart.get(Service.class, "skald-" + component.label + "-headless");
            assertThat(service.getSpec().getClusterIP()).isNull();
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            for (Service s : List.of(service, headless)) {
                assertThat(ports(s)).containsEntry("http", 3100).containsEntry("grpc", 9095);
                assertThat(s.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", component.label);
            }
        }
        for (StatefulSet set : chart.all(StatefulSet.class)) {
            assertThat(chart.find(Service.class, set.getSpec().getServiceName()))
                    .as("governing service of %s", set.getMetadata().getName())
                    .hasValueSatisfying(
                            s -> assertThat(s.getSpec().getClusterIP()).isEqualTo("None"));
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void everyPodIsReadyOnSlashReady(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                Container c = w.container();
                assertThat(c.getReadinessProbe().getHttpGet().getPath())
                        .as(component.label)
                        .isEqualTo("/ready");
                assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal())
                        .isEqualTo("http");
                assertThat(c.getLivenessProbe()).as(component.label).isNotNull();
                assertThat(c.getPorts())
                        .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(3100));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void antiAffinityIsRequiredForIngestersAndPreferredForTheRest(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                PodAntiAffinity anti = w.template().getSpec().getAffinity().getPodAntiAffinity();
                if (component == Component.INGESTER) {
                    assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution())
                            .singleElement()
                            .satisfies(term -> {
                                assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                                assertThat(term.getLabelSelector().getMatchLabels())
                                        .containsEntry("app.kubernetes.io/component", "ingester");
                            });
                    assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution())
                            .isNullOrEmpty();
                } else {
                    assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution())
                            .as(component.label)
                            .isNullOrEmpty();
                    assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution())
                            .singleElement()
                            .satisfies(term -> assertThat(term.getPodAffinityTerm()
                                            .getLabelSelector()
                                            .getMatchLabels())
                                    .containsEntry("app.kubernetes.io/component", component.label));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void statefulComponentsClaimVolumesForTheirDataDirectory(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (StatefulSet set : chart.all(StatefulSet.class)) {
            String label = set.getMetadata().getLabels().get("app.kubernetes.io/component");
            boolean persistent = profile.persistent.stream().anyMatch(c -> c.label.equals(label));
            List<PersistentVolumeClaim> claims = set.getSpec().getVolumeClaimTemplates();
            List<String> podVolumes = set.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .map(Volume::getName)
                    .toList();
            if (persistent) {
                assertThat(claims).as(label).singleElement().satisfies(claim -> {
                    assertThat(claim.getMetadata().getName()).isEqualTo("data");
                    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
                    assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
                });
                assertThat(podVolumes).as(label).doesNotContain("data");
            } else {
                assertThat(claims).as(label).isNullOrEmpty();
                assertThat(podVolumes).as(label).contains("data");
            }
            assertThat(set.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getVolumeMounts())
                    .anySatisfy(m -> {
                        assertThat(m.getName()).isEqualTo("data");
                        assertThat(m.getMountPath()).isEqualTo("/var/skald");
                    });
        }
        if (profile == ChartProfile.PRODUCTION) {
            StatefulSet ingester = chart.get(StatefulSet.class, "skald-ingester-zone-a");
            PersistentVolumeClaim claim =
                    ingester.getSpec().getVolumeClaimTemplates().get(0);
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
            assertThat(claim.getSpec()
                            .getResources()
                            .getRequests()
                            .get("storage")
                            .toString())
                    .isEqualTo("100Gi");
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void ingestersAreParallelStatefulSetsThatDrainSlowly(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        for (Workload w : chart.workloads("ingester")) {
            StatefulSet set = (StatefulSet) w.object();
            assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
            assertThat(w.template().getSpec().getTerminationGracePeriodSeconds())
                    .isEqualTo(300L);
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void autoscaledComponentsHaveAnHpaAndNoFixedReplicas(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        Set<String> targets = chart.all(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName())
                .collect(Collectors.toSet());
        Set<String> expected =
                profile.autoscaled.stream().map(c -> "skald-" + c.label).collect(Collectors.toSet());
        assertThat(targets).isEqualTo(expected);
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                if (profile.autoscaled.contains(component)) {
                    assertThat(w.replicas()).as(component.label).isNull();
                } else {
                    assertThat(w.replicas()).as(component.label).isNotNull().isPositive();
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : chart.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMinReplicas())
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void zoneAwareIngestersGetOneStatefulSetPerZone(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        List<Workload> ingesters = chart.workloads("ingester");
        if (profile.zones.isEmpty()) {
            assertThat(ingesters).singleElement().satisfies(w -> {
                assertThat(w.object().getMetadata().getName()).isEqualTo("skald-ingester");
                assertThat(w.container().getArgs()).noneMatch(a -> a.startsWith("-ingester.availability-zone"));
            });
            return;
        }
        for (String zone : profile.zones) {
            StatefulSet set = chart.get(StatefulSet.class, "skald-ingester-" + zone);
            assertThat(set.getSpec().getSelector().getMatchLabels()).containsEntry("skald.io/zone", zone);
            assertThat(set.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("skald.io/zone", zone);
            assertThat(set.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getArgs())
                    .contains("-ingester.availability-zone=" + zone);
            assertThat(set.getSpec().getTemplate().getSpec().getNodeSelector())
                    .containsKey("topology.kubernetes.io/zone");
        }
        PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, "skald-ingester");
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "ingester")
                .doesNotContainKey("skald.io/zone");
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void eachServiceBindsTheSharedConfigWithItsOwnFlags(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        String text = chart.configText();
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                LokiFlags flags = LokiFlags.parse(w.container().getArgs().toArray(String[]::new));
                Map<String, String> env = w.environment();
                LokiConfig config = LokiConfigLoader.parse(text, flags.expandEnv(), env::get, flags.overrides());
                String where = w.object().getMetadata().getName();

                assertThat(flags.target()).as(where).isEqualTo(component.label);
                assertThat(config.report().unsupported()).as(where).isEmpty();
                assertThat(config.report().deprecated()).as(where).isEmpty();
                assertThat(config.authEnabled()).as(where).isEqualTo(profile.authEnabled);
                assertThat(config.common().replicationFactor()).isEqualTo(profile.replicationFactor);
                assertThat(config.ingester().lifecycler().replicationFactor()).isEqualTo(profile.replicationFactor);
                assertThat(config.schema().configs())
                        .isNotEmpty()
                        .allSatisfy(p -> assertThat(p.objectStore()).isEqualTo(profile.objectStore));
                assertThat(config.backend().deleteRequestStore()).isEqualTo(profile.objectStore);
                assertThat(config.server().httpListenPort()).isEqualTo(3100);
                assertThat(config.server().grpcListenPort()).isEqualTo(9095);
                assertThat(config.memberlist().joinMembers()).containsExactly(MEMBERLIST_FQDN + ":5701");
                assertThat(config.memberlist().bindPort()).isEqualTo(5701);
                assertThat(config.runtimeConfigFile()).isEqualTo("/etc/skald-runtime/runtime.yaml");
                assertThat(w.container().getVolumeMounts())
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/skald"));

                if (profile.objectStore.equals("s3")) {
                    assertThat(flags.expandEnv()).isTrue();
                    assertThat(config.storage().aws().accessKeyId())
                            .as("expanded from the Secret-backed env var")
                            .isEqualTo("secret:skald-s3-credentials/AWS_ACCESS_KEY_ID");
                    assertThat(config.storage().aws().secretAccessKey())
                            .isEqualTo("secret:skald-s3-credentials/AWS_SECRET_ACCESS_KEY");
                    assertThat(config.storage().aws().bucketNames()).isEqualTo("acme-skald-chunks");
                    assertThat(config.backend().rulerStorageType()).isEqualTo("s3");
                    assertThat(config.backend().rulerS3BucketNames()).isEqualTo("acme-skald-ruler");
                } else {
                    assertThat(config.storage().filesystemDirectory()).isEqualTo("/var/skald/storage/chunks");
                    assertThat(config.backend().rulerStorageType()).isEqualTo("local");
                }

                boolean zoned = component == Component.INGESTER && !profile.zones.isEmpty();
                assertThat(config.ingester().lifecycler().zoneAwarenessEnabled())
                        .isEqualTo(!profile.zones.isEmpty());
                if (zoned) {
                    assertThat(config.ingester().lifecycler().availabilityZone())
                            .isEqualTo(where.substring("skald-ingester-".length()));
                } else {
                    assertThat(config.ingester().lifecycler().availabilityZone())
                            .isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void configPointsAtServicesThatExist(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        LokiConfig config = LokiConfigLoader.parse(chart.configText(), false, name -> null, Map.of());
        for (String url :
                List.of(config.gateway().distributorUrl(), config.gateway().queryFrontendUrl())) {
            assertThat(serviceExists(chart, URI.create(url).getHost())).as(url).isTrue();
        }
        if (profile.enabled.contains(Component.QUERY_SCHEDULER)) {
            assertThat(serviceExists(chart, hostOf(config.query().frontendSchedulerAddress())))
                    .isTrue();
            assertThat(config.query().workerSchedulerAddress())
                    .isEqualTo(config.query().frontendSchedulerAddress());
        } else {
            assertThat(config.query().frontendSchedulerAddress()).isEmpty();
            assertThat(serviceExists(
                            chart,
                            URI.create(config.query().frontendDownstreamUrl()).getHost()))
                    .isTrue();
            assertThat(serviceExists(chart, hostOf(config.query().workerFrontendAddress())))
                    .isTrue();
        }
        String indexGateway = config.storage().tsdbShipper().indexGatewayAddress();
        if (profile.enabled.contains(Component.INDEX_GATEWAY)) {
            assertThat(serviceExists(chart, hostOf(indexGateway.replace("dns:///", ""))))
                    .isTrue();
        } else {
            assertThat(indexGateway).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void hazelcastMembersShareOneHeadlessService(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        Service memberlist = chart.get(Service.class, "skald-memberlist");
        assertThat(memberlist.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(memberlist.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(memberlist.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("hazelcast");
            assertThat(p.getPort()).isEqualTo(5701);
        });
        Map<String, String> selector = memberlist.getSpec().getSelector();
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                Map<String, String> podLabels = w.template().getMetadata().getLabels();
                Map<String, String> env = w.environment();
                if (component.member()) {
                    assertThat(podLabels).as(component.label).containsAllEntriesOf(selector);
                    assertThat(ports(w.container())).containsEntry("hazelcast", 5701);
                    assertThat(env)
                            .containsEntry("SKALD_HAZELCAST_KUBERNETES", "true")
                            .containsEntry("SKALD_HAZELCAST_SERVICE_DNS", MEMBERLIST_FQDN);
                } else {
                    assertThat(selector.entrySet())
                            .as(component.label)
                            .isNotEmpty()
                            .anyMatch(e -> !e.getValue().equals(podLabels.get(e.getKey())));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void podsRunWithSpringCloudKubernetesAndABoundedHeap(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        boolean kubernetes = profile != ChartProfile.MINIMAL;
        for (Component component : profile.enabled) {
            for (Workload w : chart.workloads(component.label)) {
                Map<String, String> env = w.environment();
                assertThat(env.get("JAVA_TOOL_OPTIONS")).as(component.label).containsPattern("-Xmx\\d+[mg]\\b");
                if (kubernetes) {
                    assertThat(env)
                            .as(component.label)
                            .containsEntry("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes")
                            .containsEntry("SPRING_CLOUD_KUBERNETES_ENABLED", "true")
                            .containsEntry("SPRING_PROFILES_ACTIVE", "kubernetes")
                            .containsEntry("SPRING_CLOUD_KUBERNETES_CLIENT_NAMESPACE", "logging")
                            .containsEntry("SKALD_KUBERNETES_SERVICE_PREFIX", "skald-")
                            .containsEntry("SKALD_KUBERNETES_RUNTIME_CONFIG_MAP", "skald-runtime");
                    assertThat(chart.find(ConfigMap.class, env.get("SKALD_KUBERNETES_RUNTIME_CONFIG_MAP")))
                            .isPresent();
                    assertThat(w.template().getSpec().getAutomountServiceAccountToken())
                            .isTrue();
                } else {
                    // Explicitly off: inside a pod Spring would otherwise detect the Kubernetes platform itself.
                    assertThat(env)
                            .as(component.label)
                            .containsEntry("SPRING_MAIN_CLOUD_PLATFORM", "none")
                            .doesNotContainKeys(
                                    "SPRING_CLOUD_KUBERNETES_ENABLED",
                                    "SPRING_PROFILES_ACTIVE",
                                    "SKALD_KUBERNETES_RUNTIME_CONFIG_MAP");
                }
                assertThat(w.template().getSpec().getServiceAccountName()).isEqualTo("skald");
                assertThat(w.template().getSpec().getSecurityContext().getRunAsNonRoot())
                        .isTrue();
            }
        }
        if (kubernetes) {
            Role role = chart.get(Role.class, "skald");
            PolicyRule core = role.getRules().stream()
                    .filter(r -> r.getApiGroups().contains(""))
                    .findFirst()
                    .orElseThrow();
            assertThat(core.getResources()).contains("endpoints", "pods", "services", "configmaps");
            assertThat(core.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            PolicyRule slices = role.getRules().stream()
                    .filter(r -> r.getApiGroups().contains("discovery.k8s.io"))
                    .findFirst()
                    .orElseThrow();
            assertThat(slices.getResources()).containsExactly("endpointslices");
            assertThat(slices.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            assertThat(chart.find(io.fabric8.kubernetes.api.model.ServiceAccount.class, "skald"))
                    .hasValueSatisfying(sa ->
                            assertThat(sa.getAutomountServiceAccountToken()).isTrue());
            RoleBinding binding = chart.get(RoleBinding.class, "skald");
            assertThat(binding.getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getName()).isEqualTo("skald"));
        } else {
            assertThat(chart.all(Role.class)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ChartProfile.class)
    void monitoringObjectsFollowTheValues(ChartProfile profile) {
        RenderedChart chart = rendered(profile);
        List<GenericKubernetesResource> monitors = chart.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("ServiceMonitor"))
                .toList();
        List<GenericKubernetesResource> rules = chart.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("PrometheusRule"))
                .toList();
        List<ConfigMap> dashboards = chart.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getLabels().containsKey("grafana_dashboard"))
                .toList();
        if (!profile.monitoring) {
            assertThat(monitors).isEmpty();
            assertThat(rules).isEmpty();
            assertThat(dashboards).isEmpty();
            return;
        }
        assertThat(monitors)
                .singleElement()
                .satisfies(
                        m -> assertThat(m.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack"));
        String alerts = chart.manifest();
        assertThat(rules).hasSize(1);
        assertThat(alerts)
                .contains(
                        "alert: SkaldIngesterUnhealthy",
                        "alert: SkaldIngesterFlushFailures",
                        "alert: SkaldRequestErrors",
                        "alert: SkaldDiscardedSamples");
        assertThat(dashboards).hasSize(3);
        String allDashboards =
                dashboards.stream().flatMap(c -> c.getData().values().stream()).collect(Collectors.joining("\n"));
        assertThat(allDashboards)
                .contains(
                        "loki_distributor_lines_received_total",
                        "loki_distributor_bytes_received_total",
                        "loki_ingester_memory_streams",
                        "loki_ingester_memory_chunks",
                        "loki_ingester_chunks_flushed_total",
                        "loki_request_duration_seconds_bucket",
                        "cortex_ring_members",
                        "loki_discarded_samples_total");
        // The ServiceMonitor selects exactly the non-headless component services.
        long scraped = chart.all(Service.class).stream()
                .filter(s -> "true".equals(s.getMetadata().getLabels().get("skald.io/scrape")))
                .count();
        assertThat(scraped).isEqualTo(profile.enabled.size());
    }

    private static boolean serviceExists(RenderedChart chart, String host) {
        String suffix = "." + RenderedChart.NAMESPACE + ".svc.cluster.local";
        assertThat(host).endsWith(suffix);
        return chart.find(Service.class, host.substring(0, host.length() - suffix.length()))
                .isPresent();
    }

    private static String hostOf(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static Map<String, Integer> ports(Service service) {
        return service.getSpec().getPorts().stream()
                .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort));
    }

    private static Map<String, Integer> ports(Container container) {
        return container.getPorts().stream().collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
    }
}
