package io.skald.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Maps every error to Loki's plain-text answer with its status code; clients never see a stack trace. */
@RestControllerAdvice
public class LokiErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(LokiErrorHandler.class);

    @ExceptionHandler(LokiHttpException.class)
    public ResponseEntity<String> loki(LokiHttpException e) {
        if (e.status() >= 500) {
            log.warn("request failed: {}", e.getMessage());
        } else {
            log.debug("request rejected ({}): {}", e.status(), e.getMessage());
        }
        return text(e.status(), e.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<String> status(ResponseStatusException e) {
        String reason = e.getReason() == null ? e.getStatusCode().toString() : e.getReason();
        return text(e.getStatusCode().value(), reason);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        // Framework errors (missing parameter, wrong method, unknown path) carry their own status.
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return text(response.getStatusCode().value(), detail == null ? e.getMessage() : detail);
        }
        log.error("unexpected error serving a request", e);
        return text(
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                "internal error: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<String> text(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
