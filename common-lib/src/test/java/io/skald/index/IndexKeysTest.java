package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndexKeysTest {
    private static final Duration DAY = Duration.ofHours(24);

    private static long nanos(String instant) {
        return TimeUnit.SECONDS.toNanos(Instant.parse(instant).getEpochSecond());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2024-01-01T00:00:00Z, index_19723",
        "2024-01-03T00:00:00Z, index_19725",
        "2024-01-03T23:59:59Z, index_19725",
        "1970-01-01T00:00:00Z, index_0",
        "1969-12-31T23:59:59Z, index_-1"
    })
    void tablesCountWholeUtcDaysLikeLoki(String instant, String table) {
        assertThat(IndexKeys.tableFor(nanos(instant), DAY, "index_")).isEqualTo(table);
    }

    @Test
    void tablesForARangeAndPeriodStarts() {
        long from = nanos("2024-01-01T12:00:00Z");
        assertThat(IndexKeys.tablesFor(from, nanos("2024-01-03T00:00:00Z"), DAY, "loki_"))
                .containsExactly("loki_19723", "loki_19724", "loki_19725");
        assertThat(IndexKeys.periodStartNanos(19723, DAY)).isEqualTo(nanos("2024-01-01T00:00:00Z"));
        assertThat(IndexKeys.periodNumber("index_19725", "index_")).isEqualTo(19725);
        assertThat(IndexKeys.tableFor(from, Duration.ofDays(7), "w_")).isEqualTo("w_" + (19723 / 7));
    }

    @Test
    void uploadKeysRoundTripEvenWithDashesInTheIngesterId() {
        String key = IndexKeys.uploadKey("index_19725", "tenant-1", "ingester-zone-a-0", 1704240000000000000L, 3);
        assertThat(key).isEqualTo("index/index_19725/tenant-1/ingester-zone-a-0-1704240000000000000-3.idx");
        IndexKey parsed = IndexKeys.parse(key);
        assertThat(parsed)
                .isEqualTo(new IndexKey("index_19725", "tenant-1", "ingester-zone-a-0", 1704240000000000000L, 3));
        assertThat(parsed.compacted()).isFalse();
        assertThat(parsed.toKey()).isEqualTo(key);
        assertThat(key).startsWith(IndexKeys.tenantPrefix("index_19725", "tenant-1"));
        assertThat(IndexKeys.tenantPrefix("index_19725", "tenant-1")).startsWith(IndexKeys.tablePrefix("index_19725"));
    }

    @Test
    void compactedKeysRoundTrip() {
        String key = IndexKeys.compactedKey("index_19725", "fake", 17, 0);
        assertThat(key).isEqualTo("index/index_19725/fake/compacted-17-0.idx");
        IndexKey parsed = IndexKeys.parse(key);
        assertThat(parsed.compacted()).isTrue();
        assertThat(parsed.toKey()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "index/t/x/i-1-2.txt",
                "chunks/t/x/i-1-2.idx",
                "index/t/i-1-2.idx",
                "index/t/x/y/i-1-2.idx",
                "index/t/x/i-1.idx",
                "index/t/x/i-a-2.idx",
                "index/t/x/-1-2.idx",
                "index//x/i-1-2.idx"
            })
    void parseRejectsOtherKeys(String key) {
        assertThatThrownBy(() -> IndexKeys.parse(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildersRejectUnsafeSegments() {
        assertThatThrownBy(() -> IndexKeys.uploadKey("t", "a/b", "i", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.uploadKey("t", "..", "i", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.uploadKey("t", "x", "compacted", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.uploadKey("t", "x", "i", -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.tableFor(0, Duration.ZERO, "i_"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
