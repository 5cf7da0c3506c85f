package io.skald.ruler;

import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ruler service: evaluates LogQL alerting and recording rules. */
@SpringBootApplication
public class RulerApplication {
    public static void main(String[] args) {
        SkaldApplication.run(RulerApplication.class, Target.RULER, args);
    }
}
