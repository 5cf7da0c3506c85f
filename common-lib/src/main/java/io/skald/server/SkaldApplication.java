package io.skald.server;

import io.skald.config.ConfigException;
import io.skald.config.Durations;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one Skald service the way Loki starts a component: {@code -config.file=loki.yaml -target=NAME}. Every
 * service's {@code main} calls {@link #run}; tests call {@link #start} with a config they built.
 */
public final class SkaldApplication {
    private static final Logger log = LoggerFactory.getLogger(SkaldApplication.class);

    private SkaldApplication() {}

    /** Parses Loki's flags, checks the target, loads the config and starts; exits with a message on bad input. */
    public static ConfigurableApplicationContext run(Class<?> application, Target target, String... args) {
        LokiConfig config;
        try {
            LokiFlags flags = LokiFlags.parse(args);
            checkTarget(target, flags.target());
            config = LokiConfigLoader.load(flags.configFile(), flags.expandEnv(), System::getenv, flags.overrides());
        } catch (IllegalArgumentException | ConfigException e) {
            return fail(e.getMessage());
        }
        try {
            return start(application, target, config, Map.of());
        } catch (RuntimeException e) {
            // Spring has logged the cause; without an exit, threads a failed start left behind keep the JVM alive.
            return fail(target.lokiName() + " failed to start: " + e.getMessage());
        }
    }

    /** Throws when the requested target is not the one this jar serves. */
    static void checkTarget(Target served, String requested) {
        if (requested == null) {
            return;
        }
        if (Target.fromLokiName(requested).filter(served::equals).isPresent()) {
            return;
        }
        String hint = Target.fromLokiName(requested)
                .map(t -> "; -target=" + t.lokiName() + " is served by " + t.module())
                .orElse(
                        switch (requested.toLowerCase(Locale.ROOT)) {
                            case "all", "read", "write", "backend" ->
                                "; Skald runs each component as its own service,"
                                        + " use ./skald up for the whole suite";
                            default -> "; unknown target";
                        });
        throw new IllegalArgumentException("this is " + served.module() + ", which serves only -target="
                + served.lokiName() + ", not -target=" + requested + hint);
    }

    /**
     * Starts the service's Spring context with a bound config.
     *
     * @param extraProperties Spring properties that win over those derived from the config (tests use this)
     */
    public static ConfigurableApplicationContext start(
            Class<?> application, Target target, LokiConfig config, Map<String, Object> extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(springProperties(target, config));
        properties.putAll(extraProperties);
        if (!config.report().ignoredKeyLines().isEmpty()) {
            log.warn(
                    "{}: config keys ignored by Skald:\n  {}",
                    target.lokiName(),
                    String.join("\n  ", config.report().ignoredKeyLines()));
        }
        return new SpringApplicationBuilder(application)
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("lokiConfig", config);
                    context.getBeanFactory().registerSingleton("skaldTarget", target);
                })
                .run();
    }

    /** The Spring properties a Loki config implies: ports, log level, graceful shutdown. */
    static Map<String, Object> springProperties(Target target, LokiConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", target.lokiName());
        properties.put("spring.main.banner-mode", "off");
        properties.put("server.port", config.server().httpListenPort());
        if (!config.server().httpListenAddress().isEmpty()) {
            properties.put("server.address", config.server().httpListenAddress());
        }
        properties.put("spring.grpc.server.port", config.server().grpcListenPort());
        if (!config.server().grpcListenAddress().isEmpty()) {
            // "address" would replace the port too; "host" binds the interface only.
            properties.put("spring.grpc.server.host", config.server().grpcListenAddress());
        }
        properties.put(
                "spring.grpc.server.max-inbound-message-size", config.server().grpcServerMaxRecvMsgSize());
        properties.put("server.shutdown", "graceful");
        properties.put(
                "spring.lifecycle.timeout-per-shutdown-phase",
                Durations.format(config.server().gracefulShutdownTimeout()));
        properties.put("logging.level.root", logLevel(config.server().logLevel()));
        properties.put("logging.level.com.hazelcast", "warn");
        properties.put("management.endpoints.access.default", "none");
        properties.put("management.endpoints.web.exposure.include", "");
        properties.put("spring.jmx.enabled", false);
        // Spring Cloud Kubernetes (only active on the Kubernetes cloud platform): an instance's address is its http
        // port, and nothing polls the whole catalog (the gateway looks up the few services it routes to).
        properties.put("spring.cloud.kubernetes.discovery.primary-port-name", "http");
        properties.put("spring.cloud.kubernetes.discovery.catalog-services-watch.enabled", false);
        // Each service pins its web stack, so several services can share one classpath (the in-process cluster).
        if (target == Target.GATEWAY) {
            properties.put("spring.main.web-application-type", "reactive");
            // The gateway only forwards; it holds no ring and joins no cluster.
            properties.put("skald.cluster.enabled", false);
        } else {
            properties.put("spring.main.web-application-type", "servlet");
            // Loki (Go) accepts raw match[]= and {app="x"} in query strings; Tomcat rejects them unless relaxed.
            properties.put("server.tomcat.relaxed-query-chars", "[,],{,},|,^,`,\"");
            properties.put("server.tomcat.relaxed-path-chars", "[,],{,},|,^,`,\"");
            properties.put("spring.cloud.gateway.server.webflux.enabled", false);
            properties.put(
                    "spring.autoconfigure.exclude",
                    "org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration");
        }
        return properties;
    }

    /** Loki's levels (debug, info, warn, error) as Spring's. */
    public static String logLevel(String lokiLevel) {
        return switch (lokiLevel.toLowerCase(Locale.ROOT)) {
            case "debug" -> "debug";
            case "warn", "warning" -> "warn";
            case "error" -> "error";
            default -> "info";
        };
    }

    @SuppressWarnings("SystemExitOutsideMain")
    private static ConfigurableApplicationContext fail(String message) {
        PrintStream err = System.err;
        err.println("error: " + message);
        System.exit(1);
        throw new IllegalStateException(message);
    }
}
