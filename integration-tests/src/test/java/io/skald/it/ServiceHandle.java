package io.skald.it;

import io.skald.server.Target;
import org.springframework.context.ConfigurableApplicationContext;

/** One running service context of the in-process cluster and its base URL. */
public record ServiceHandle(Target target, ConfigurableApplicationContext context) implements AutoCloseable {

    public int httpPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
