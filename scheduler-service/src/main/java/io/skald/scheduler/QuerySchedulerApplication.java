package io.skald.scheduler;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query-scheduler service: per-tenant fair query queues. */
@SpringBootApplication
public class QuerySchedulerApplication {
    public static void main(String[] args) {
        SkaldApplication.run(QuerySchedulerApplication.class, Target.QUERY_SCHEDULER, args);
    }
}
