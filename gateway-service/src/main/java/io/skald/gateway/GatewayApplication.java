package io.skald.gateway;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The gateway service: routes clients to the components, replacing Loki's NGINX. */
@SpringBootApplication
public class GatewayApplication {
    public static void main(String[] args) {
        SkaldApplication.run(GatewayApplication.class, Target.GATEWAY, args);
    }
}
