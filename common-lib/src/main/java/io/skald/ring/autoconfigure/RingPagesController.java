package io.skald.ring.autoconfigure;

import io.skald.ring.Ring;
import io.skald.ring.RingStatusPage;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loki's ring status pages: {@code /ring} (ingesters) and {@code /<role>/ring}, as an HTML table or JSON (when the
 * client accepts JSON), with "Forget" for unhealthy entries.
 */
@RestController
class RingPagesController {
    private final RingRegistry registry;

    RingPagesController(RingRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/ring")
    ResponseEntity<String> ingesterRing(@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
        return page("ingester", accept);
    }

    @PostMapping(value = "/ring", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> forgetIngester(@RequestParam Map<String, String> form) {
        return forget("ingester", form);
    }

    @GetMapping("/{role:distributor|scheduler|indexgateway|compactor|ruler|ingester}/ring")
    ResponseEntity<String> roleRing(
            @PathVariable String role, @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
        return page(ringName(role), accept);
    }

    @PostMapping(
            value = "/{role:distributor|scheduler|indexgateway|compactor|ruler|ingester}/ring",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> forgetInRole(@PathVariable String role, @RequestParam Map<String, String> form) {
        return forget(ringName(role), form);
    }

    private ResponseEntity<String> page(String name, @Nullable String accept) {
        RingStatusPage page = new RingStatusPage(registry.ring(name), Clock.systemUTC());
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page.json());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page.html());
    }

    private ResponseEntity<String> forget(String name, Map<String, String> form) {
        Ring ring = registry.ring(name);
        new RingStatusPage(ring, Clock.systemUTC()).handleForm(form);
        return page(name, null);
    }

    private static String ringName(String role) {
        return switch (role) {
            case "scheduler" -> "scheduler";
            case "indexgateway" -> "index-gateway";
            default -> role;
        };
    }
}
