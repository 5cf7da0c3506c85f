package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.chunk.ContentQuery;
import io.skald.labels.Labels;
import io.skald.logql.syntax.LogqlParseException;
import io.skald.logql.syntax.LogqlParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pipeline sent to an ingester as text keeps exactly the entries the engine's own pipeline keeps. */
class PushedFilterTest {
    private static final Labels STREAM = Labels.of("app", "api", "env", "prod");
    private static final List<String> LINES = List.of(
            "{\"level\":\"error\",\"status\":503,\"msg\":\"upstream timeout\"}",
            "{\"level\":\"info\",\"status\":200,\"msg\":\"ok\"}",
            "level=error status=500 msg=\"db down\" trace_id=deadbeefcafebabe",
            "level=warn status=404 msg=missing",
            "plain text line with ERROR in capitals",
            "");

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "|= \"error\"",
                "|= \"error\" != \"db\"",
                "|~ \"(?i)error\"",
                "|= \"level\" or \"ERROR\"",
                "| json | level=\"error\"",
                "| logfmt | status >= 500",
                "| json | status >= 500 or level=\"info\"",
                "|= \"status\" | logfmt | line_format \"{{.msg}}\" |= \"db\"",
                "| pattern \"<_> status=<status> <_>\" | status=\"404\"",
                "| app=\"api\"",
                "| env!=\"prod\"",
                "!= \"\"",
            })
    void theFilterKeepsWhatTheEnginesPipelineKeeps(String pipeline) {
        PushedFilter filter = PushedFilter.of(
                LogqlParser.parseLogSelector("{app=\"api\"} " + pipeline).stages());
        PushedFilter sent = PushedFilter.parse(filter.text());
        var engine = PipelineFactory.pipeline(LogqlParser.parseLogSelector("{app=\"api\"} " + pipeline)
                        .stages())
                .forStream(STREAM);
        PushedFilter.StreamFilter remote = sent.forStream(STREAM);
        for (String line : LINES) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            boolean kept = engine.process(1, bytes, Labels.EMPTY) != null;
            assertThat(remote.keeps(1, bytes, Labels.EMPTY))
                    .as("%s on %s", pipeline, line)
                    .isEqualTo(kept);
        }
        assertThat(sent.text()).isEqualTo(filter.text());
    }

    @Test
    void theLeadingLineFiltersGiveTheContentQuery() {
        PushedFilter filter =
                PushedFilter.parse("|= \"trace_id=deadbeefcafebabe\" | json | level=\"error\" |= \"late\"");
        assertThat(filter.content().toString())
                .isEqualTo(ContentQuery.of(List.of(List.of("trace_id=deadbeefcafebabe")))
                        .toString());
        assertThat(PushedFilter.parse("| json |= \"x\"").content().isAny()).isTrue();
    }

    @Test
    void nothingToFilterKeepsEverything() {
        assertThat(PushedFilter.parse("")).isSameAs(PushedFilter.NONE);
        assertThat(PushedFilter.NONE.text()).isEmpty();
        assertThat(PushedFilter.NONE.keepsAll()).isTrue();
        assertThat(PushedFilter.NONE.forStream(STREAM).keeps(0, new byte[0], Labels.EMPTY))
                .isTrue();
    }

    @Test
    void textThatIsNoPipelineIsRefused() {
        assertThatThrownBy(() -> PushedFilter.parse("| json |")).isInstanceOf(LogqlParseException.class);
        assertThatThrownBy(() -> PushedFilter.parse("} or {")).isInstanceOf(LogqlParseException.class);
    }
}
