package io.skald.ingester;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ingester service: holds recent logs in chunks, writes the WAL and flushes to object storage. */
@SpringBootApplication
public class IngesterApplication {
    public static void main(String[] args) {
        SkaldApplication.run(IngesterApplication.class, Target.INGESTER, args);
    }
}
