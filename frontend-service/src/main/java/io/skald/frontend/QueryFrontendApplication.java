package io.skald.frontend;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query-frontend service: the HTTP query API: splitting, sharding, caching. */
@SpringBootApplication
public class QueryFrontendApplication {
    public static void main(String[] args) {
        SkaldApplication.run(QueryFrontendApplication.class, Target.QUERY_FRONTEND, args);
    }
}
