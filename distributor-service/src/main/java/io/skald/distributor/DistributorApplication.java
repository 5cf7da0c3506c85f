package io.skald.distributor;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The distributor service: validates and replicates pushed logs to ingesters. */
@SpringBootApplication
public class DistributorApplication {
    public static void main(String[] args) {
        SkaldApplication.run(DistributorApplication.class, Target.DISTRIBUTOR, args);
    }
}
