package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OtlpPushTest {
    private static final List<String> DISCOVER = List.of("service", "app", "container_name", "job");
    private static final long NOW = 1_800_000_000_000_000_000L;
    private final PushDecoder decoder = new PushDecoder(1024 * 1024);

    /** A protobuf message written field by field with protobuf-java's encoder, using OTLP's field numbers. */
    private static final class Message {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        Message write(IoConsumer writer) {
            try {
                writer.accept(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message string(int field, String value) {
            return write(o -> o.writeString(field, value));
        }

        Message message(int field, Message value) {
            return write(o -> o.writeByteArray(field, value.toByteArray()));
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private interface IoConsumer {
        void accept(CodedOutputStream out) throws IOException;
    }

    private static Message keyValue(String key, Message anyValue) {
        return new Message().string(1, key).message(2, anyValue);
    }

    private static Message str(String value) {
        return new Message().string(1, value);
    }

    private static byte[] protobufRequest() {
        Message resource = new Message()
                .message(1, keyValue("service.name", str("checkout")))
                .message(1, keyValue("k8s.pod.name", str("pod-1")))
                .message(1, keyValue("host.name", str("node-7")))
                .message(1, keyValue("process.pid", new Message().write(o -> o.writeInt64(3, 4242))));
        Message scope = new Message()
                .string(1, "io.opentelemetry.test")
                .string(2, "1.2.3")
                .message(3, keyValue("lib.attr", new Message().write(o -> o.writeBool(2, true))));
        Message record1 = new Message()
                .write(o -> o.writeFixed64(1, 1_700_000_000_000_000_001L))
                .write(o -> o.writeEnum(2, 9))
                .string(3, "INFO")
                .message(5, str("order placed"))
                .message(6, keyValue("http.status_code", new Message().write(o -> o.writeInt64(3, 200))))
                .message(
                        6,
                        keyValue(
                                "nested",
                                new Message()
                                        .message(
                                                6,
                                                new Message()
                                                        .message(1, keyValue("a.b", str("x")))
                                                        .message(
                                                                1,
                                                                keyValue(
                                                                        "c",
                                                                        new Message()
                                                                                .write(o -> o.writeDouble(4, 1.5)))))))
                .write(o -> o.writeFixed32(8, 1))
                .write(o -> o.writeByteArray(9, new byte[] {0x0a, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
                .write(o -> o.writeByteArray(10, new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xff}))
                .write(o -> o.writeFixed64(11, 1_700_000_000_500_000_000L));
        Message record2 = new Message()
                .write(o -> o.writeFixed64(11, 1_700_000_001_000_000_000L))
                .message(
                        5,
                        new Message()
                                .message(
                                        5,
                                        new Message()
                                                .message(1, str("a"))
                                                .message(1, new Message().write(o -> o.writeInt64(3, 7)))));
        Message scopeLogs = new Message().message(1, scope).message(2, record1).message(2, record2);
        Message resourceLogs =
                new Message().message(1, resource).message(2, scopeLogs).string(3, "https://schema");
        Message orphan = new Message()
                .message(1, new Message().message(1, keyValue("app", str("ignored-not-index"))))
                .message(2, new Message().message(2, new Message().message(5, str("no time"))));
        return new Message().message(1, resourceLogs).message(1, orphan).toByteArray();
    }

    @Test
    void protobufMapsLikeLokisDefaultOtlpConfig() {
        PushRequest push = decoder.decodeOtlp(protobufRequest(), "application/x-protobuf", null, DISCOVER, NOW);

        assertThat(push.streams()).hasSize(2);
        PushStream checkout = push.streams().get(0);
        assertThat(checkout.labels()).isEqualTo("{k8s_pod_name=\"pod-1\", service_name=\"checkout\"}");
        assertThat(checkout.entries()).hasSize(2);

        PushEntry first = checkout.entries().get(0);
        assertThat(first.timestampNanos()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(first.line()).isEqualTo("order placed");
        assertThat(first.structuredMetadata())
                .containsExactly(
                        new MetadataPair("http_status_code", "200"),
                        new MetadataPair("nested_a_b", "x"),
                        new MetadataPair("nested_c", "1.5"),
                        new MetadataPair("observed_timestamp", "1700000000500000000"),
                        new MetadataPair("severity_number", "9"),
                        new MetadataPair("severity_text", "INFO"),
                        new MetadataPair("flags", "1"),
                        new MetadataPair("trace_id", "0a0b0000000000000000000000000001"),
                        new MetadataPair("span_id", "01020304050607ff"),
                        new MetadataPair("host_name", "node-7"),
                        new MetadataPair("process_pid", "4242"),
                        new MetadataPair("lib_attr", "true"),
                        new MetadataPair("scope_name", "io.opentelemetry.test"),
                        new MetadataPair("scope_version", "1.2.3"));

        PushEntry second = checkout.entries().get(1);
        assertThat(second.timestampNanos()).isEqualTo(1_700_000_001_000_000_000L); // observed time as fallback
        assertThat(second.line()).isEqualTo("[\"a\",7]");

        PushStream unknown = push.streams().get(1);
        assertThat(unknown.labels()).isEqualTo("{service_name=\"unknown_service\"}");
        assertThat(unknown.entries()).singleElement().satisfies(e -> {
            assertThat(e.timestampNanos()).isEqualTo(NOW);
            assertThat(e.structuredMetadata()).containsExactly(new MetadataPair("app", "ignored-not-index"));
        });
    }

    @Test
    void jsonDecodesToTheSameRequestAsProtobuf() throws IOException {
        String json = """
                {"resourceLogs":[
                  {"resource":{"attributes":[
                      {"key":"service.name","value":{"stringValue":"checkout"}},
                      {"key":"k8s.pod.name","value":{"stringValue":"pod-1"}},
                      {"key":"host.name","value":{"stringValue":"node-7"}},
                      {"key":"process.pid","value":{"intValue":"4242"}}]},
                   "scopeLogs":[{"scope":{"name":"io.opentelemetry.test","version":"1.2.3",
                                          "attributes":[{"key":"lib.attr","value":{"boolValue":true}}]},
                     "logRecords":[
                       {"timeUnixNano":"1700000000000000001","observedTimeUnixNano":1700000000500000000,
                        "severityNumber":"SEVERITY_NUMBER_INFO","severityText":"INFO",
                        "body":{"stringValue":"order placed"},
                        "attributes":[{"key":"http.status_code","value":{"intValue":200}},
                                      {"key":"nested","value":{"kvlistValue":{"values":[
                                          {"key":"a.b","value":{"stringValue":"x"}},
                                          {"key":"c","value":{"doubleValue":1.5}}]}}}],
                        "flags":1,"traceId":"0a0b0000000000000000000000000001","spanId":"01020304050607ff"},
                       {"observed_time_unix_nano":"1700000001000000000",
                        "body":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"7"}]}}}]}],
                   "schemaUrl":"https://schema"},
                  {"resource":{"attributes":[{"key":"app","value":{"stringValue":"ignored-not-index"}}]},
                   "scopeLogs":[{"logRecords":[{"body":{"stringValue":"no time"}}]}]}
                ]}
                """;
        byte[] body = ProtobufPushDecoderTest.gzip(json.getBytes(StandardCharsets.UTF_8));

        PushRequest fromJson = decoder.decodeOtlp(body, "application/json", "gzip", DISCOVER, NOW);
        PushRequest fromProtobuf = decoder.decodeOtlp(protobufRequest(), "application/x-protobuf", null, DISCOVER, NOW);

        assertThat(fromJson).isEqualTo(fromProtobuf);
    }

    @Test
    void serviceNameIsDiscoveredFromIndexLabelsOnly() {
        byte[] body = new Message()
                .message(
                        1,
                        new Message()
                                .message(
                                        1,
                                        new Message()
                                                .message(1, keyValue("container.name", str("nginx")))
                                                .message(1, keyValue("k8s.namespace.name", str("web"))))
                                .message(2, new Message().message(2, new Message().message(5, str("hi")))))
                .toByteArray();

        PushRequest push = decoder.decodeOtlp(body, "application/x-protobuf", null, DISCOVER, NOW);
        assertThat(push.streams().get(0).labels())
                .isEqualTo("{container_name=\"nginx\", k8s_namespace_name=\"web\", service_name=\"nginx\"}");

        PushRequest noDiscovery = decoder.decodeOtlp(body, "application/x-protobuf", null, List.of(), NOW);
        assertThat(noDiscovery.streams().get(0).labels())
                .isEqualTo("{container_name=\"nginx\", k8s_namespace_name=\"web\"}");
    }

    @Test
    void errorsAre400() {
        assertThatThrownBy(() -> decoder.decodeOtlp(new byte[0], "text/plain", null, DISCOVER, NOW))
                .isInstanceOf(PushDecodeException.class)
                .hasMessage("content type: text/plain is not supported");
        assertThatThrownBy(() ->
                        decoder.decodeOtlp(new byte[] {0x0a, 0x05, 1}, "application/x-protobuf", null, DISCOVER, NOW))
                .isInstanceOf(PushDecodeException.class)
                .hasMessageStartingWith("proto: ");
        assertThatThrownBy(() -> decoder.decodeOtlp(
                        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"zz\"}]}]}]}"
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        null,
                        DISCOVER,
                        NOW))
                .isInstanceOf(PushDecodeException.class)
                .hasMessageContaining("invalid hex id \"zz\"");
        assertThatThrownBy(() -> decoder.decodeOtlp(
                        "{".getBytes(StandardCharsets.UTF_8), "application/json", null, DISCOVER, NOW))
                .isInstanceOf(PushDecodeException.class)
                .hasMessageStartingWith("invalid OTLP JSON");
    }

    @Test
    void valuesRenderLikeTheCollectorsAsString() {
        List<OtlpLogs.Attribute> map = new ArrayList<>();
        map.add(new OtlpLogs.Attribute("z", new OtlpLogs.Value.Int(1)));
        map.add(new OtlpLogs.Attribute("a", new OtlpLogs.Value.Str("<x>")));
        map.add(new OtlpLogs.Attribute("b", new OtlpLogs.Value.Bytes(new byte[] {1, 2})));

        assertThat(new OtlpLogs.Value.KvList(map).asString())
                .isEqualTo("{\"a\":\"\\u003cx\\u003e\",\"b\":\"AQI=\",\"z\":1}");
        assertThat(new OtlpLogs.Value.Double(0.1).asString()).isEqualTo("0.1");
        assertThat(new OtlpLogs.Value.Double(1e21).asString()).isEqualTo("1000000000000000000000");
        assertThat(new OtlpLogs.Value.Double(2.0).asString()).isEqualTo("2");
        assertThat(new OtlpLogs.Value.Empty().asString()).isEmpty();
        assertThat(OtlpMapper.normalizeLabel("1st.attr")).isEqualTo("key_1st_attr");
        assertThat(OtlpMapper.normalizeLabel("_private")).isEqualTo("key_private");
        assertThat(OtlpMapper.normalizeLabel("__dunder")).isEqualTo("__dunder");
        assertThat(OtlpMapper.normalizeLabel("café.name")).isEqualTo("café_name");
    }

    @Test
    void mutatedOtlpBodiesOnlyGiveDecodeErrors() {
        byte[] raw = protobufRequest();
        java.util.Random random = new java.util.Random(7);
        Consumer<byte[]> check = body -> {
            try {
                decoder.decodeOtlp(body, "application/x-protobuf", null, DISCOVER, NOW);
            } catch (PushDecodeException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        };
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = raw.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            check.accept(mutated);
            check.accept(java.util.Arrays.copyOf(raw, random.nextInt(raw.length)));
        }
    }
}
