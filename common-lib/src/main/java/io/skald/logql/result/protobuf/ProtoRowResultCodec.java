package io.skald.logql.result.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import io.skald.proto.result.EntryRow;
import io.skald.proto.result.LabelPair;
import io.skald.proto.result.MatrixRows;
import io.skald.proto.result.QueryResultRows;
import io.skald.proto.result.SampleRow;
import io.skald.proto.result.ScalarRow;
import io.skald.proto.result.SeriesRows;
import io.skald.proto.result.StreamRows;
import io.skald.proto.result.StreamsRows;
import io.skald.proto.result.VectorRows;
import io.skald.proto.result.VectorSample;
import io.skald.push.StreamLabelParser;
import io.skald.push.StreamLabels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encodes query results as {@link QueryResultRows} messages and decodes them back; stateless. Stream and series labels
 * travel in Loki's text form, so, as with Loki's parser, a label with an empty value does not come back.
 */
public final class ProtoRowResultCodec {
    private ProtoRowResultCodec() {}

    public static byte[] encode(QueryResult result) {
        return toMessage(result).toByteArray();
    }

    /**
     * The result a message holds.
     *
     * @throws IllegalArgumentException when the bytes are not a result message
     */
    public static QueryResult decode(byte[] bytes) {
        try {
            return fromMessage(QueryResultRows.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a query result message: " + e.getMessage(), e);
        }
    }

    static QueryResultRows toMessage(QueryResult result) {
        QueryResultRows.Builder out = QueryResultRows.newBuilder();
        switch (result) {
            case QueryResult.Streams streams -> {
                StreamsRows.Builder rows = StreamsRows.newBuilder();
                for (LogStream stream : streams.streams()) {
                    StreamRows.Builder s =
                            StreamRows.newBuilder().setLabels(stream.labels().toString());
                    for (LogEntry entry : stream.entries()) {
                        EntryRow.Builder e = EntryRow.newBuilder()
                                .setTimestampNanos(entry.timestampNanos())
                                .setLine(entry.line());
                        entry.structuredMetadata().forEach((n, v) -> e.addStructuredMetadata(pair(n, v)));
                        entry.parsed().forEach((n, v) -> e.addParsed(pair(n, v)));
                        s.addEntries(e);
                    }
                    rows.addStreams(s);
                }
                out.setStreams(rows);
            }
            case QueryResult.Matrix matrix -> {
                MatrixRows.Builder rows = MatrixRows.newBuilder();
                for (Series series : matrix.series()) {
                    SeriesRows.Builder s =
                            SeriesRows.newBuilder().setLabels(series.metric().toString());
                    for (int i = 0; i < series.size(); i++) {
                        s.addSamples(SampleRow.newBuilder()
                                .setTimestampMillis(series.timestampsMillis()[i])
                                .setValue(series.values()[i]));
                    }
                    rows.addSeries(s);
                }
                out.setMatrix(rows);
            }
            case QueryResult.Vector vector -> {
                VectorRows.Builder rows = VectorRows.newBuilder();
                for (Sample sample : vector.samples()) {
                    rows.addSamples(VectorSample.newBuilder()
                            .setLabels(sample.metric().toString())
                            .setTimestampMillis(sample.timestampMillis())
                            .setValue(sample.value()));
                }
                out.setVector(rows);
            }
            case QueryResult.Scalar scalar ->
                out.setScalar(ScalarRow.newBuilder()
                        .setTimestampMillis(scalar.timestampMillis())
                        .setValue(scalar.value()));
        }
        return out.build();
    }

    static QueryResult fromMessage(QueryResultRows message) {
        return switch (message.getResultCase()) {
            case STREAMS -> {
                List<StreamRows> rows = message.getStreams().getStreamsList();
                List<LogStream> streams = new ArrayList<>(rows.size());
                for (StreamRows s : rows) {
                    List<LogEntry> entries = new ArrayList<>(s.getEntriesCount());
                    for (EntryRow e : s.getEntriesList()) {
                        entries.add(new LogEntry(
                                e.getTimestampNanos(),
                                e.getLine(),
                                labels(e.getStructuredMetadataList()),
                                labels(e.getParsedList())));
                    }
                    streams.add(new LogStream(parseLabels(s.getLabels()), Collections.unmodifiableList(entries)));
                }
                yield new QueryResult.Streams(Collections.unmodifiableList(streams));
            }
            case MATRIX -> {
                List<SeriesRows> rows = message.getMatrix().getSeriesList();
                List<Series> series = new ArrayList<>(rows.size());
                for (SeriesRows s : rows) {
                    int n = s.getSamplesCount();
                    long[] timestamps = new long[n];
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        SampleRow sample = s.getSamples(i);
                        timestamps[i] = sample.getTimestampMillis();
                        values[i] = sample.getValue();
                    }
                    series.add(new Series(parseLabels(s.getLabels()), timestamps, values));
                }
                yield new QueryResult.Matrix(Collections.unmodifiableList(series));
            }
            case VECTOR -> {
                List<Sample> samples = new ArrayList<>(message.getVector().getSamplesCount());
                for (VectorSample s : message.getVector().getSamplesList()) {
                    samples.add(new Sample(parseLabels(s.getLabels()), s.getTimestampMillis(), s.getValue()));
                }
                yield new QueryResult.Vector(Collections.unmodifiableList(samples));
            }
            case SCALAR ->
                new QueryResult.Scalar(
                        message.getScalar().getTimestampMillis(),
                        message.getScalar().getValue());
            case RESULT_NOT_SET -> throw new IllegalArgumentException("query result message without a result");
        };
    }

    private static LabelPair pair(String name, String value) {
        return LabelPair.newBuilder().setName(name).setValue(value).build();
    }

    private static Labels labels(List<LabelPair> pairs) {
        if (pairs.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder builder = Labels.builder();
        for (LabelPair pair : pairs) {
            builder.set(pair.getName(), pair.getValue());
        }
        return builder.build();
    }

    private static Labels parseLabels(String text) {
        return switch (StreamLabelParser.parse(text)) {
            case StreamLabels.Valid valid -> valid.labels();
            case StreamLabels.Invalid invalid ->
                throw new IllegalArgumentException("invalid labels " + text + ": " + invalid.error());
        };
    }
}
