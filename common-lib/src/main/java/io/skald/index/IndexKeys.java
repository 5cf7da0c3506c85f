package io.skald.index;

import io.skald.storage.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Object store layout of index files:
 *
 * <pre>
 * index/&lt;table&gt;/&lt;tenant&gt;/&lt;ingesterId&gt;-&lt;fromNanos&gt;-&lt;seq&gt;.idx   uploaded by an ingester
 * index/&lt;table&gt;/&lt;tenant&gt;/compacted-&lt;fromNanos&gt;-&lt;seq&gt;.idx    written by the compactor
 * </pre>
 *
 * where {@code <table>} is {@code <prefix><period number>}, the period number counting whole periods since the Unix
 * epoch ({@code index_19725} for 2024-01-01 with 24h periods), as Loki names its tables.
 */
public final class IndexKeys {
    /** Top-level folder of all index objects. */
    public static final String ROOT = "index/";

    /** File name suffix of index objects. */
    public static final String SUFFIX = ".idx";

    /** The producer name of compactor outputs; no ingester may use it. */
    public static final String COMPACTED = "compacted";

    private IndexKeys() {}

    /** The table whose period holds {@code nanos}: {@code prefix + floor(nanos / period)}. */
    public static String tableFor(long nanos, Duration period, String prefix) {
        return prefix + periodNumber(nanos, period);
    }

    /** The period number holding {@code nanos}. */
    public static long periodNumber(long nanos, Duration period) {
        return Math.floorDiv(nanos, periodNanos(period));
    }

    /** Tables whose periods overlap {@code [fromNanos, throughNanos]}, in time order. */
    public static List<String> tablesFor(long fromNanos, long throughNanos, Duration period, String prefix) {
        List<String> tables = new ArrayList<>();
        for (long n = periodNumber(fromNanos, period); n <= periodNumber(throughNanos, period); n++) {
            tables.add(prefix + n);
        }
        return tables;
    }

    /** Start of a period, in ns since the epoch; its end (exclusive) is the next period's start. */
    public static long periodStartNanos(long periodNumber, Duration period) {
        return Math.multiplyExact(periodNumber, periodNanos(period));
    }

    /** The period number at the end of a table name made by {@link #tableFor}. */
    public static long periodNumber(String table, String prefix) {
        if (!table.startsWith(prefix)) {
            throw new IllegalArgumentException("table " + table + " does not start with " + prefix);
        }
        try {
            return Long.parseLong(table.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("table " + table + " has no period number after " + prefix, e);
        }
    }

    /** The key of an ingester's upload. */
    public static String uploadKey(String table, String tenant, String ingesterId, long fromNanos, long sequence) {
        if (ingesterId.equals(COMPACTED)) {
            throw new IllegalArgumentException("ingester id " + COMPACTED + " is reserved for the compactor");
        }
        return key(table, tenant, ingesterId, fromNanos, sequence);
    }

    /** The key of a compactor output. */
    public static String compactedKey(String table, String tenant, long fromNanos, long sequence) {
        return key(table, tenant, COMPACTED, fromNanos, sequence);
    }

    /** Prefix to list every index object of a table. */
    public static String tablePrefix(String table) {
        requireSegment("table", table);
        return ROOT + table + "/";
    }

    /** Prefix to list a tenant's index objects in a table. */
    public static String tenantPrefix(String table, String tenant) {
        requireSegment("tenant", tenant);
        return tablePrefix(table) + tenant + "/";
    }

    /**
     * Parses a key made by {@link #uploadKey} or {@link #compactedKey}. The ingester id may itself contain
     * {@code -}: the last two {@code -}-separated fields are the time and sequence.
     *
     * @throws IllegalArgumentException when the key is not an index object key
     */
    public static IndexKey parse(String key) {
        if (!key.startsWith(ROOT) || !key.endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not an index key: " + key);
        }
        String[] parts = key.substring(ROOT.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not an index key: " + key);
        }
        String file = parts[2].substring(0, parts[2].length() - SUFFIX.length());
        int sequenceDash = file.lastIndexOf('-');
        int timeDash = sequenceDash > 0 ? file.lastIndexOf('-', sequenceDash - 1) : -1;
        if (timeDash <= 0) {
            throw new IllegalArgumentException("index key without <producer>-<from>-<seq>: " + key);
        }
        try {
            long from = Long.parseLong(file.substring(timeDash + 1, sequenceDash));
            long sequence = Long.parseLong(file.substring(sequenceDash + 1));
            return new IndexKey(parts[0], parts[1], file.substring(0, timeDash), from, sequence);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("index key with a non-numeric time or sequence: " + key, e);
        }
    }

    private static String key(String table, String tenant, String producer, long fromNanos, long sequence) {
        requireSegment("producer", producer);
        if (sequence < 0 || fromNanos < 0) {
            throw new IllegalArgumentException(
                    "negative time or sequence in an index key: " + fromNanos + ", " + sequence);
        }
        return ObjectKeys.requireValidKey(
                tenantPrefix(table, tenant) + producer + "-" + fromNanos + "-" + sequence + SUFFIX);
    }

    private static void requireSegment(String what, String value) {
        if (value.isEmpty()
                || value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0
                || value.equals(".")
                || value.equals("..")) {
            throw new IllegalArgumentException("invalid " + what + " for an index key: \"" + value + "\"");
        }
    }

    private static long periodNanos(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("index period must be positive: " + period);
        }
        return period.toNanos();
    }
}
