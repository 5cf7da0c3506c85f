package io.skald.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
    private static final String STREAMS_BODY = """
            {"status":"success","data":{"resultType":"streams","result":[],
             "stats":{"summary":{"bytesProcessedPerSecond":1,"linesProcessedPerSecond":1,
               "totalBytesProcessed":3000000000,"totalLinesProcessed":20000000,"execTime":1.5,
               "queueTime":0,"subqueries":0,"totalEntriesReturned":0}}}}""";
    private static final String MATRIX_BODY = """
            {"status":"success","data":{"resultType":"matrix","result":[],
             "stats":{"summary":{"totalBytesProcessed":500,"totalLinesProcessed":5,"execTime":0.25}}}}""";

    @Test
    void parsesQueryFiles() {
        List<NamedQuery> queries = NamedQuery.parseFile("""
                # rare needle
                needle: {format="logfmt"} |= "trace_id=deadbeef"

                sum by (format) (count_over_time({format=~".+"}[1m]))
                json_parse:{format="json"} | json | level="error"
                """);

        assertThat(queries)
                .containsExactly(
                        new NamedQuery("needle", "{format=\"logfmt\"} |= \"trace_id=deadbeef\""),
                        new NamedQuery("q2", "sum by (format) (count_over_time({format=~\".+\"}[1m]))"),
                        new NamedQuery("json_parse", "{format=\"json\"} | json | level=\"error\""));
    }

    @Test
    void reportsLatencyAndServerThroughputFromStats(@TempDir Path dir) throws Exception {
        try (LokiStub stub = new LokiStub(false)) {
            stub.queryResponses.put("{format=\"logfmt\"} |= \"x\"", new LokiStub.Response(200, STREAMS_BODY));
            stub.queryResponses.put("count_over_time({format=\"json\"}[1m])", new LokiStub.Response(200, MATRIX_BODY));
            stub.queryResponses.put("{bad", new LokiStub.Response(400, "parse error : unexpected end"));
            Path file = Files.writeString(dir.resolve("queries.logql"), """
                    filter: {format="logfmt"} |= "x"
                    count_over_time({format="json"}[1m])
                    broken: {bad
                    """);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int code = LoadGen.run(
                    new String[] {
                        "query",
                        "--url",
                        stub.url(),
                        "--file",
                        file.toString(),
                        "--start",
                        "2026-01-01T00:00:00Z",
                        "--end",
                        "1767229200",
                        "--step",
                        "60s",
                        "--repeat",
                        "4",
                        "--warmup",
                        "1"
                    },
                    new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    System.err);
            String out = buffer.toString(StandardCharsets.UTF_8);

            assertThat(code).as(out).isEqualTo(1); // one query failed
            assertThat(out)
                    .containsPattern("RESULT query name=filter runs=4 p50_ms=[\\d.]+ p99_ms=[\\d.]+ max_ms=[\\d.]+"
                            + " bytes=3000000000 lines=20000000 gb_per_s=2\\.000 lines_per_s=13333333 non2xx=none")
                    .containsPattern("RESULT query name=q2 runs=4 .* bytes=500 lines=5 gb_per_s=0\\.000"
                            + " lines_per_s=20 non2xx=none")
                    .containsPattern("RESULT query name=broken runs=4 .* non2xx=400:4")
                    .contains("query broken: HTTP 400 parse error : unexpected end");
        }
    }

    @Test
    void statsAreZeroWhenTheResponseHasNone() {
        QueryStats stats = QueryStats.parse("{\"status\":\"success\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(stats).isEqualTo(new QueryStats(0, 0, 0));
    }
}
