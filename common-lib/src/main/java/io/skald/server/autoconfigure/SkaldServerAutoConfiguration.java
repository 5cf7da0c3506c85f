package io.skald.server.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.server.BuildInfo;
import io.skald.server.LokiErrorHandler;
import io.skald.server.OpsController;
import io.skald.server.ReactiveRequestMetricsFilter;
import io.skald.server.RequestMetrics;
import io.skald.server.ServiceState;
import io.skald.server.ServletRequestMetricsFilter;
import io.skald.tenant.TenantResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every Skald service gets: tenancy, the operations endpoints, Loki-style errors and request metrics. Active
 * only in contexts started through {@code SkaldApplication}, which registers the {@link LokiConfig}.
 */
@AutoConfiguration(
        afterName =
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnBean(LokiConfig.class)
@Import({
    SkaldServerAutoConfiguration.Servlet.class,
    SkaldServerAutoConfiguration.Reactive.class,
    OpsController.class,
    LokiErrorHandler.class
})
public class SkaldServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PrometheusMeterRegistry prometheusMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Bean
    TenantResolver tenantResolver(LokiConfig config) {
        return new TenantResolver(config.authEnabled());
    }

    @Bean
    ServiceState serviceState() {
        return new ServiceState();
    }

    @Bean
    BuildInfo buildInfo() {
        return BuildInfo.load();
    }

    @Bean
    RequestMetrics requestMetrics(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {
        @Bean
        ServletRequestMetricsFilter requestMetricsFilter(RequestMetrics metrics) {
            return new ServletRequestMetricsFilter(metrics);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {
        @Bean
        ReactiveRequestMetricsFilter requestMetricsFilter(RequestMetrics metrics) {
            return new ReactiveRequestMetricsFilter(metrics);
        }
    }
}
