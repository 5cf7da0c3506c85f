package io.skald.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skald.config.LokiConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations endpoints every Loki component serves: {@code /ready}, {@code /metrics}, {@code /config}, {@code
 * /services}, build info and {@code /log_level}. Annotated handlers only, so it runs on Spring MVC and WebFlux alike.
 */
@RestController
public class OpsController {
    private final Target target;
    private final LokiConfig config;
    private final ServiceState state;
    private final ObjectProvider<ReadinessCheck> checks;
    private final PrometheusMeterRegistry registry;
    private final BuildInfo buildInfo;
    private final LoggingSystem loggingSystem;
    private volatile String logLevel;

    public OpsController(
            Target target,
            LokiConfig config,
            ServiceState state,
            ObjectProvider<ReadinessCheck> checks,
            PrometheusMeterRegistry registry,
            BuildInfo buildInfo,
            LoggingSystem loggingSystem) {
        this.target = target;
        this.config = config;
        this.state = state;
        this.checks = checks;
        this.registry = registry;
        this.buildInfo = buildInfo;
        this.loggingSystem = loggingSystem;
        this.logLevel = SkaldApplication.logLevel(config.server().logLevel());
    }

    @GetMapping(value = "/ready", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> ready() {
        if (state.state() != ServiceState.State.RUNNING) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(target.lokiName() + " not ready: "
                            + state.state().text().toLowerCase(java.util.Locale.ROOT) + "\n");
        }
        for (ReadinessCheck check : checks.orderedStream().toList()) {
            String reason = check.notReadyReason();
            if (reason != null) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(capitalize(check.name()) + " not ready: " + reason + "\n");
            }
        }
        return ResponseEntity.ok("ready\n");
    }

    @GetMapping(value = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
    public String metrics() {
        return registry.scrape();
    }

    @GetMapping(value = "/config", produces = "text/plain; charset=utf-8")
    public String config(@RequestParam(name = "mode", required = false) @Nullable String mode) {
        return ConfigRenderer.render(config.report(), mode == null ? "" : mode);
    }

    @GetMapping(value = "/services", produces = MediaType.TEXT_PLAIN_VALUE)
    public String services() {
        StringBuilder out = new StringBuilder();
        out.append("server => ").append(state.state().text()).append('\n');
        for (ReadinessCheck check : checks.orderedStream().toList()) {
            String status = check.notReadyReason() == null ? "Running" : "Starting";
            out.append(check.name()).append(" => ").append(status).append('\n');
        }
        return out.toString();
    }

    @GetMapping(value = "/loki/api/v1/status/buildinfo", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> buildInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", buildInfo.version());
        info.put("revision", buildInfo.revision());
        info.put("branch", buildInfo.branch());
        info.put("buildUser", buildInfo.buildUser());
        info.put("buildDate", buildInfo.buildDate());
        info.put("goVersion", "java" + Runtime.version().feature());
        return info;
    }

    @RequestMapping(
            value = "/log_level",
            method = {RequestMethod.GET},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> logLevel() {
        return Map.of("message", "Current log level is " + logLevel);
    }

    @PostMapping(value = "/log_level", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> setLogLevel(@RequestParam("log_level") String level) {
        List<String> allowed = new ArrayList<>(List.of("debug", "info", "warn", "error"));
        if (!allowed.contains(level)) {
            return ResponseEntity.badRequest()
                    .body(Map.of("message", "unrecognized log level \"" + level + "\", use one of " + allowed));
        }
        loggingSystem.setLogLevel(
                LoggingSystem.ROOT_LOGGER_NAME, LogLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT)));
        logLevel = level;
        return ResponseEntity.ok(Map.of("message", "Log level set to " + level));
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
