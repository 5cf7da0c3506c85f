package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPushDecoderTest {
    private static final String JSON = "application/json";
    private final PushDecoder decoder = new PushDecoder(1024 * 1024);

    private static final String BODY = """
            {"streams":[
              {"stream":{"app":"api","env":"prod"},
               "values":[["1700000000123456789","GET /users 200"],
                         ["1700000001000000000","with meta",{"trace_id":"abc","user":"42"}]]},
              {"stream":{"job":"quote\\"and\\\\slash\\nnewline"},"values":[["5","x"]],"extra":{"ignored":[1,2]}}
            ],"unknown":true}
            """;

    private static PushRequest expected() {
        return new PushRequest(List.of(
                new PushStream(
                        "{app=\"api\", env=\"prod\"}",
                        List.of(
                                new PushEntry(1_700_000_000_123_456_789L, "GET /users 200"),
                                new PushEntry(
                                        1_700_000_001_000_000_000L,
                                        "with meta",
                                        List.of(new MetadataPair("trace_id", "abc"), new MetadataPair("user", "42"))))),
                new PushStream("{job=\"quote\\\"and\\\\slash\\nnewline\"}", List.of(new PushEntry(5, "x")))));
    }

    @Test
    void decodesLokiJson() {
        assertThat(decoder.decode(bytes(BODY), JSON, null)).isEqualTo(expected());
    }

    @Test
    void decodesGzipJsonAndStreams() throws IOException {
        assertThat(decoder.decode(ProtobufPushDecoderTest.gzip(bytes(BODY)), "application/json; charset=utf-8", "gzip"))
                .isEqualTo(expected());
        assertThat(JsonPushDecoder.decode(new ByteArrayInputStream(bytes(BODY))))
                .isEqualTo(expected());
    }

    @Test
    void labelTextFromJsonParsesBackToTheSameValues() {
        PushRequest request = decoder.decode(bytes(BODY), JSON, null);
        StreamLabels parsed = StreamLabelParser.parse(request.streams().get(1).labels());

        assertThat(parsed).isEqualTo(new StreamLabels.Valid(Labels.of("job", "quote\"and\\slash\nnewline"), 1, null));
    }

    @Test
    void labelTextIsCanonicalLikeLokisJsonDecoder() {
        String body = "{\"streams\":[{\"stream\":{\"z\":\"1\",\"a\":\"2\",\"z\":\"3\"},\"values\":[[\"1\",\"l\"]]}]}";

        assertThat(decoder.decode(bytes(body), JSON, null).streams().get(0).labels())
                .isEqualTo("{a=\"2\", z=\"3\"}");
    }

    @Test
    void acceptsNumericTimestampsAndEmptyOrNullParts() {
        String body = "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[17,\"l\",null],[18,\"m\",{}]]},"
                + "{\"stream\":{\"c\":\"d\"},\"values\":null}]}";

        assertThat(decoder.decode(bytes(body), JSON, null))
                .isEqualTo(new PushRequest(List.of(
                        new PushStream("{a=\"b\"}", List.of(new PushEntry(17, "l"), new PushEntry(18, "m"))),
                        new PushStream("{c=\"d\"}", List.of()))));
        assertThat(decoder.decode(bytes("{}"), JSON, null).streams()).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not json", "invalid push request JSON: "),
                Arguments.of("{\"streams\":[", "invalid push request JSON"),
                Arguments.of("[]", "push request: expected an object but found an array"),
                Arguments.of("{\"streams\":{}}", "streams: expected an array but found an object"),
                Arguments.of("{\"streams\":[{\"stream\":{\"a\":1}}]}", "label value for \"a\" must be a string"),
                Arguments.of(
                        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"x\",\"l\"]]}]}",
                        "timestamp \"x\" is not Unix nanoseconds"),
                Arguments.of(
                        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[true,\"l\"]]}]}",
                        "timestamp must be a string of Unix nanoseconds"),
                Arguments.of(
                        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",2]]}]}",
                        "log line must be a string"),
                Arguments.of(
                        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"l\",{\"m\":3}]]}]}",
                        "structured metadata value for \"m\" must be a string"),
                Arguments.of(
                        "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"l\",{},\"extra\"]]}]}",
                        "a value must be [timestamp, line]"),
                Arguments.of("{\"streams\":[]} {}", "unexpected data after the push request"),
                Arguments.of("", "invalid push request JSON"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedJsonIs400WithAClearMessage(String body, String messagePart) {
        assertThatThrownBy(() -> decoder.decode(bytes(body), JSON, null))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(messagePart);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
