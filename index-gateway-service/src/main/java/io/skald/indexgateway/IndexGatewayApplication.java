package io.skald.indexgateway;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The index-gateway service: serves index lookups from cached index files. */
@SpringBootApplication
public class IndexGatewayApplication {
    public static void main(String[] args) {
        SkaldApplication.run(IndexGatewayApplication.class, Target.INDEX_GATEWAY, args);
    }
}
