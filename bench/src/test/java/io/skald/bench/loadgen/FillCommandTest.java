package io.skald.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.bench.corpus.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillCommandTest {
    private static final String FROM = "2026-01-01T00:00:00Z";
    private static final String TO = "2026-01-01T01:00:00Z";

    @Test
    void sameSeedGivesTheSameBodiesAndAnotherSeedDoesNot() {
        List<List<EncodedPush>> first = fill(7).encode();
        List<List<EncodedPush>> again = fill(7).encode();
        List<List<EncodedPush>> other = fill(8).encode();

        assertThat(bodies(first)).isEqualTo(bodies(again));
        assertThat(bodies(first)).isNotEqualTo(bodies(other));
        assertThat(first.stream()
                        .flatMap(List::stream)
                        .mapToInt(EncodedPush::lines)
                        .sum())
                .isEqualTo(5000);
    }

    @Test
    void twoFillsDeliverTheSameEntriesInsideTheWindow() throws Exception {
        List<LokiStub.Received> first = runFill("7");
        List<LokiStub.Received> second = runFill("7");
        List<LokiStub.Received> otherSeed = runFill("8");

        assertThat(first).hasSize(5000).isEqualTo(second);
        assertThat(otherSeed).hasSize(5000).isNotEqualTo(first);
        long from = Timestamps.parseNanos(FROM);
        long to = Timestamps.parseNanos(TO);
        assertThat(first).allMatch(e -> e.timestampNanos() >= from && e.timestampNanos() < to);
        // Spread over the window, not bunched at its start.
        assertThat(first.stream()
                        .mapToLong(LokiStub.Received::timestampNanos)
                        .max()
                        .orElseThrow())
                .isGreaterThan(to - (to - from) / 100);
    }

    private static FillCommand fill(long seed) {
        return FillCommand.fromArgs(Args.parse(
                new String[] {
                    "--from",
                    FROM,
                    "--to",
                    TO,
                    "--lines",
                    "5000",
                    "--streams",
                    "7",
                    "--clients",
                    "3",
                    "--batch",
                    "250",
                    "--seed",
                    Long.toString(seed)
                },
                0));
    }

    private static List<LokiStub.Received> runFill(String seed) throws Exception {
        try (LokiStub stub = new LokiStub(true)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int code = LoadGen.run(
                    new String[] {
                        "fill",
                        "--url",
                        stub.url(),
                        "--from",
                        FROM,
                        "--to",
                        TO,
                        "--lines",
                        "5000",
                        "--streams",
                        "7",
                        "--clients",
                        "3",
                        "--batch",
                        "250",
                        "--seed",
                        seed
                    },
                    new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    System.err);
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertThat(code).as(out).isZero();
            assertThat(out).contains("RESULT fill lines=5000 sent_lines=5000 ");
            return stub.sortedEntries();
        }
    }

    private static List<String> bodies(List<List<EncodedPush>> pools) {
        return pools.stream()
                .flatMap(List::stream)
                .map(p -> java.util.HexFormat.of().formatHex(p.body()))
                .toList();
    }
}
