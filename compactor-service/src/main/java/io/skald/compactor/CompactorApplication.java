package io.skald.compactor;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The compactor service: index compaction, retention and deletes. */
@SpringBootApplication
public class CompactorApplication {
    public static void main(String[] args) {
        SkaldApplication.run(CompactorApplication.class, Target.COMPACTOR, args);
    }
}
