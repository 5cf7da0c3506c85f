package io.skald.ingester.http;

import io.skald.ingester.IngesterService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Loki's ingester admin endpoints: {@code /flush}, {@code /ingester/shutdown}, {@code /ingester/prepare_shutdown}. */
@RestController
public class IngesterController {
    private final IngesterService service;

    public IngesterController(IngesterService service) {
        this.service = service;
    }

    /** Flushes every in-memory chunk now; 204 once written, 500 when some could not be. */
    @PostMapping("/flush")
    public ResponseEntity<String> flush() {
        if (!service.flushNow()) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body("some chunks could not be flushed; they stay in memory and are retried");
        }
        return ResponseEntity.noContent().build();
    }

    /** Flushes everything and leaves the ring; the process keeps running until it is stopped. */
    @PostMapping("/ingester/shutdown")
    public ResponseEntity<Void> shutdown() {
        service.shutdownNow();
        return ResponseEntity.noContent().build();
    }

    /** Makes the next shutdown flush everything (also when the WAL would keep the data). */
    @PostMapping("/ingester/prepare_shutdown")
    public ResponseEntity<Void> prepareShutdown() {
        service.prepareShutdown();
        return ResponseEntity.noContent().build();
    }
}
