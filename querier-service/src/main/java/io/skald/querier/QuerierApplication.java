package io.skald.querier;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The querier service: runs LogQL over ingesters and the store; serves live tail. */
@SpringBootApplication
public class QuerierApplication {
    public static void main(String[] args) {
        SkaldApplication.run(QuerierApplication.class, Target.QUERIER, args);
    }
}
