package io.skald.querier;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.skald.api.QueryParameters;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import io.skald.logql.engine.PipelineFactory;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.engine.QueryLimits;
import io.skald.logql.log.Pipeline;
import io.skald.logql.log.ProcessedEntry;
import io.skald.logql.log.StreamPipeline;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.proto.ingester.TailRequest;
import io.skald.proto.ingester.TailResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.ring.InstanceDesc;
import io.skald.server.LokiHttpException;
import io.skald.store.IndexProtos;
import io.skald.tenant.TenantResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Loki's live tail websocket ({@code /loki/api/v1/tail}): first the entries since {@code start} (up to {@code
 * limit}), then every new entry of matching streams as the ingesters push it through their gRPC {@code Tail} streams,
 * run through the query's pipeline and deduplicated across replicas.
 */
final class TailHandler extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(TailHandler.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration DEFAULT_SINCE = Duration.ofHours(1);
    private static final int RECENT_KEYS = 10_000;
    static final String TENANT_ATTRIBUTE = "skald.tenant";

    private final TenantResolver tenants;
    private final QueryEngine engine;
    private final IngesterFanout ingesters;
    private final IngesterClients clients;
    private final Map<String, Context.CancellableContext> calls = new ConcurrentHashMap<>();

    TailHandler(TenantResolver tenants, LogSource source, IngesterFanout ingesters, IngesterClients clients) {
        this.tenants = tenants;
        this.engine = new QueryEngine(new EngineEntrySource(source));
        this.ingesters = ingesters;
        this.clients = clients;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        try {
            start(session);
        } catch (LokiHttpException e) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason(truncate(e.getMessage())));
        }
    }

    private void start(WebSocketSession session) throws IOException {
        String tenant = tenants.tenant((String) session.getAttributes().get(TENANT_ATTRIBUTE));
        Map<String, List<String>> params =
                new LinkedHashMap<>(UriComponentsBuilder.fromUri(java.util.Objects.requireNonNull(session.getUri()))
                        .build()
                        .getQueryParams());
        params.replaceAll((k, v) -> v.stream()
                .map(s -> java.net.URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList());
        io.skald.api.RequestParams p = new io.skald.api.RequestParams(params);
        String query = p.get("query") == null ? "" : p.get("query");
        Expr expr = QueryEngine.parse(query);
        if (!(expr instanceof LogSelectorExpr selector)) {
            throw new LokiHttpException(400, "only log queries can be tailed");
        }
        int limit = QueryParameters.parseLimit(p.get("limit"));
        long now = System.currentTimeMillis() * 1_000_000L;
        long start = QueryParameters.parseTime(p.get("start"), "start", now - DEFAULT_SINCE.toNanos());

        QueryResult.Streams history = (QueryResult.Streams) engine.rangeQuery(
                tenant,
                selector,
                start,
                now,
                Duration.ofSeconds(1),
                new QueryEngine.Options(Direction.FORWARD, limit, Duration.ZERO, QueryLimits.DEFAULTS, false));
        Dedup seen = new Dedup();
        List<LogStream> first = new ArrayList<>();
        for (LogStream s : history.streams()) {
            s.entries().forEach(e -> seen.add(s.labels(), e.timestampNanos(), e.line()));
            first.add(s);
        }
        if (!first.isEmpty()) {
            send(session, first);
        }

        Pipeline pipeline = PipelineFactory.pipeline(selector.stages());
        TailRequest request = TailRequest.newBuilder()
                .addAllMatchers(IndexProtos.toProto(Selectors.toIndex(selector.matchers())))
                .build();
        Context.CancellableContext call = Context.current().withCancellation();
        calls.put(session.getId(), call);
        Map<Labels, StreamPipeline> pipelines = new ConcurrentHashMap<>();
        for (InstanceDesc ingester : ingesters.instances()) {
            call.run(() -> clients.async(ingester.address(), tenant).tail(request, new StreamObserver<TailResponse>() {
                @Override
                public void onNext(TailResponse response) {
                    Labels labels = IndexProtos.parseLabels(response.getStream().getLabels());
                    StreamPipeline sp = pipelines.computeIfAbsent(labels, pipeline::forStream);
                    Map<Labels, List<io.skald.logql.result.LogEntry>> out = new LinkedHashMap<>();
                    for (EntryAdapter e : response.getStream().getEntriesList()) {
                        LogEntry entry = QuerierLogSource.toEntry(e);
                        if (!seen.add(labels, entry.timestampNanos(), entry.line())) {
                            continue;
                        }
                        ProcessedEntry processed = sp.process(entry.timestampNanos(), entry.line(), entry.metadata());
                        if (processed != null) {
                            out.computeIfAbsent(processed.labels().labels(), l -> new ArrayList<>())
                                    .add(new io.skald.logql.result.LogEntry(
                                            processed.timestamp(), processed.lineString()));
                        }
                    }
                    if (!out.isEmpty()) {
                        List<LogStream> streams = new ArrayList<>();
                        out.forEach((l, entries) -> streams.add(new LogStream(l, entries)));
                        try {
                            send(session, streams);
                        } catch (IOException e) {
                            log.debug("tail client went away: {}", e.toString());
                            stop(session.getId());
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                    log.debug("ingester tail stream ended: {}", t.toString());
                }

                @Override
                public void onCompleted() {}
            }));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        stop(session.getId());
    }

    private void stop(String sessionId) {
        Context.CancellableContext call = calls.remove(sessionId);
        if (call != null) {
            call.cancel(null);
        }
    }

    private static void send(WebSocketSession session, List<LogStream> streams) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeName("streams");
            json.writeStartArray();
            for (LogStream stream : streams) {
                json.writeStartObject();
                json.writeName("stream");
                json.writeStartObject();
                stream.labels().forEach(json::writeStringProperty);
                json.writeEndObject();
                json.writeName("values");
                json.writeStartArray();
                for (io.skald.logql.result.LogEntry e : stream.entries()) {
                    json.writeStartArray();
                    json.writeString(Long.toString(e.timestampNanos()));
                    json.writeString(e.line());
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        synchronized (session) {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(out.toString(StandardCharsets.UTF_8)));
            }
        }
    }

    private static String truncate(String reason) {
        // A close reason must fit in a control frame (123 bytes).
        return reason.length() > 120 ? reason.substring(0, 120) : reason;
    }

    /** Recently sent (stream, timestamp, line) keys, bounded, so replicas' copies are sent once. */
    private static final class Dedup {
        private final SequencedSet<String> keys = new LinkedHashSet<>();

        synchronized boolean add(Labels labels, long ts, String line) {
            String key = labels.hash() + "/" + ts + "/" + line;
            if (!keys.add(key)) {
                return false;
            }
            if (keys.size() > RECENT_KEYS) {
                keys.removeFirst();
            }
            return true;
        }
    }
}
