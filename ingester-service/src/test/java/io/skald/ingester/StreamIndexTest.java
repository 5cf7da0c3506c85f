package io.skald.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Codec;
import io.skald.labels.Labels;
import io.skald.proto.ingester.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamIndexTest {
    private static final ChunkSettings SETTINGS =
            new ChunkSettings(Codec.NONE, 1024, 0, Duration.ofMinutes(30), Duration.ofHours(2), Duration.ZERO);

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of(List.of(m("app", LabelMatcher.Type.EQ, "api")), List.of("api-prod", "api-dev")),
                Arguments.of(
                        List.of(m("app", LabelMatcher.Type.EQ, "api"), m("env", LabelMatcher.Type.NEQ, "prod")),
                        List.of("api-dev")),
                Arguments.of(List.of(m("env", LabelMatcher.Type.RE, "pro.*")), List.of("api-prod", "web-prod")),
                Arguments.of(List.of(m("app", LabelMatcher.Type.NRE, "api|web")), List.of("nolabel")),
                // A missing label matches the empty string.
                Arguments.of(List.of(m("env", LabelMatcher.Type.EQ, "")), List.of("nolabel")),
                Arguments.of(List.of(m("app", LabelMatcher.Type.RE, "ap")), List.of()));
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void findsExactlyTheMatchingStreams(List<LabelMatcher> matchers, List<String> expectedNames) {
        StreamIndex index = new StreamIndex();
        index.add(stream("api-prod", "app", "api", "env", "prod"));
        index.add(stream("api-dev", "app", "api", "env", "dev"));
        index.add(stream("web-prod", "app", "web", "env", "prod"));
        index.add(stream("nolabel", "app", "batch"));
        assertThat(index.lookup(StreamMatchers.compile(matchers)))
                .extracting(s -> s.labels().get("name"))
                .containsExactlyInAnyOrderElementsOf(expectedNames);
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void removedStreamsAreNoLongerFound(List<LabelMatcher> matchers, List<String> ignored) {
        StreamIndex index = new StreamIndex();
        LogStream stream = stream("api-prod", "app", "api", "env", "prod");
        index.add(stream);
        index.remove(stream);
        assertThat(index.lookup(StreamMatchers.compile(matchers))).isEmpty();
        assertThat(index.names()).isEmpty();
    }

    private static LabelMatcher m(String name, LabelMatcher.Type type, String value) {
        return LabelMatcher.newBuilder()
                .setName(name)
                .setType(type)
                .setValue(value)
                .build();
    }

    private static LogStream stream(String name, String... labels) {
        Labels set = Labels.of(labels).toBuilder().set("name", name).build();
        return new LogStream("t", set, SETTINGS, 0);
    }
}
