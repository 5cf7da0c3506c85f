package io.skald.api;

import io.skald.config.Durations;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogqlParseException;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.UnsupportedQueryTypeException;
import io.skald.server.LokiHttpException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses the parameters of Loki's query API with Loki's rules, defaults and error texts. */
public final class QueryParameters {
    /** Loki's default {@code limit} for log queries. */
    public static final int DEFAULT_LIMIT = 100;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_POINTS = 11_000;

    private QueryParameters() {}

    /** Direction of a log query. */
    public enum Direction {
        FORWARD,
        BACKWARD
    }

    /**
     * A timestamp as Loki accepts it: float seconds ({@code 1767607200.5}), integer seconds (up to 10 digits),
     * integer nanoseconds, or RFC 3339. Returns nanoseconds since the epoch.
     */
    /** The {@code query} parameter as LogQL; a parse error is the client's 400 with Loki's text. */
    public static Expr parseQuery(@Nullable String query) {
        try {
            return LogqlParser.parse(query == null ? "" : query);
        } catch (LogqlParseException | UnsupportedQueryTypeException e) {
            throw new LokiHttpException(400, e.getMessage());
        }
    }

    public static long parseTime(@Nullable String value, String name, long defaultNanos) {
        if (value == null || value.isEmpty()) {
            return defaultNanos;
        }
        if (value.contains(".")) {
            try {
                BigDecimal seconds = new BigDecimal(value);
                // Loki rounds the fraction to milliseconds.
                BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                BigDecimal millis = seconds.subtract(whole).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN);
                return whole.longValueExact() * NANOS_PER_SECOND + millis.longValue() * 1_000_000L;
            } catch (NumberFormatException | ArithmeticException e) {
                // Not a float: fall through to the integer and RFC 3339 forms.
            }
        }
        try {
            long number = Long.parseLong(value);
            return value.length() <= 10 ? number * NANOS_PER_SECOND : number;
        } catch (NumberFormatException e) {
            try {
                Instant instant = OffsetDateTime.parse(value).toInstant();
                return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
            } catch (DateTimeParseException ignored) {
                throw badRequest("could not parse '" + name + "' parameter: strconv.ParseInt: parsing " + goQuote(value)
                        + ": invalid syntax");
            }
        }
    }

    /** A step or interval: float seconds or a duration; {@code null} when absent. */
    public static @Nullable Duration parseStep(@Nullable String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException(value);
            }
            return Duration.ofNanos(Math.round(seconds * NANOS_PER_SECOND));
        } catch (NumberFormatException e) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException notDuration) {
                throw badRequest("could not parse '" + name + "' parameter: cannot parse " + goQuote(value)
                        + " to a valid duration");
            }
        }
    }

    /** Loki's default step for a range query: {@code max(floor((end - start) / 250 s), 1 s)}. */
    public static Duration defaultStep(long startNanos, long endNanos) {
        long seconds = Math.max((endNanos - startNanos) / NANOS_PER_SECOND / 250, 1);
        return Duration.ofSeconds(seconds);
    }

    /** Validates a range query's step against its range, as Loki does. */
    public static void checkStep(Duration step, long startNanos, long endNanos) {
        if (step.isZero() || step.isNegative()) {
            throw badRequest("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((endNanos - startNanos) / step.toNanos() > MAX_POINTS) {
            throw badRequest("exceeded maximum resolution of 11,000 points per time series."
                    + " Try increasing the value of the step parameter");
        }
    }

    public static void checkRange(long startNanos, long endNanos) {
        if (endNanos < startNanos) {
            throw badRequest("end timestamp must not be before or equal to start time");
        }
    }

    public static int parseLimit(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit;
        try {
            limit = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw badRequest("could not parse 'limit' parameter: strconv.ParseInt: parsing " + goQuote(value)
                    + ": invalid syntax");
        }
        if (limit <= 0) {
            throw badRequest("limit must be a positive value");
        }
        return (int) Math.min(limit, Integer.MAX_VALUE);
    }

    public static Direction parseDirection(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Direction.BACKWARD;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "forward" -> Direction.FORWARD;
            case "backward" -> Direction.BACKWARD;
            default -> throw badRequest("invalid direction '" + value + "'");
        };
    }

    /** Loki's {@code max_entries_limit_per_query} check. */
    public static void checkEntriesLimit(int limit, int maxEntries) {
        if (maxEntries > 0 && limit > maxEntries) {
            throw badRequest("max entries limit per query exceeded, limit > max_entries_limit_per_query (" + limit
                    + " > " + maxEntries + ")");
        }
    }

    /** Loki's {@code max_query_length} check; the limit prints in Prometheus' duration style ({@code 30d1h}). */
    public static void checkQueryLength(long startNanos, long endNanos, Duration maxLength) {
        if (maxLength.isZero() || maxLength.isNegative()) {
            return;
        }
        Duration length = Duration.ofNanos(endNanos - startNanos);
        if (length.compareTo(maxLength) > 0) {
            throw badRequest("the query time range exceeds the limit (query length: " + Durations.format(length)
                    + ", limit: " + PrometheusDurations.format(maxLength) + ")");
        }
    }

    static String goQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        io.skald.labels.Labels.appendEscaped(out, value);
        return out.append('"').toString();
    }

    private static LokiHttpException badRequest(String message) {
        return new LokiHttpException(400, message);
    }
}
