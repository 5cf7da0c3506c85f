package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A decoded streams result: the stream label sets (the IPC dictionary) and the entry rows, in batches. */
public final class ArrowStreamsPart implements ArrowResultPart {
    private final Labels[] streams;
    private final List<StreamsBatch> batches;

    ArrowStreamsPart(Labels[] streams, List<StreamsBatch> batches) {
        this.streams = streams;
        this.batches = List.copyOf(batches);
    }

    /** The number of streams, entries or not. */
    public int streamCount() {
        return streams.length;
    }

    /** The labels of stream {@code index}, in the order of the encoded result. */
    public Labels streamLabels(int index) {
        return streams[index];
    }

    @Override
    public long rowCount() {
        long rows = 0;
        for (StreamsBatch batch : batches) {
            rows += batch.rows();
        }
        return rows;
    }

    List<StreamsBatch> batches() {
        return batches;
    }

    /** The stream index of a row, checked against the dictionary so a corrupt index fails here, clearly. */
    int checkedStream(StreamsBatch batch, int row) {
        int stream = batch.stream(row);
        if (stream < 0 || stream >= streams.length) {
            throw new IllegalArgumentException(
                    "corrupt streams result: stream index " + stream + " of " + streams.length);
        }
        return stream;
    }

    @Override
    public QueryResult.Streams toResult() {
        List<List<LogEntry>> entries = new ArrayList<>(streams.length);
        for (int i = 0; i < streams.length; i++) {
            entries.add(new ArrayList<>());
        }
        Utf8Reader utf8 = new Utf8Reader();
        for (StreamsBatch batch : batches) {
            for (int row = 0; row < batch.rows(); row++) {
                entries.get(checkedStream(batch, row)).add(batch.entry(row, utf8));
            }
        }
        List<LogStream> out = new ArrayList<>(streams.length);
        for (int i = 0; i < streams.length; i++) {
            out.add(new LogStream(streams[i], Collections.unmodifiableList(entries.get(i))));
        }
        return new QueryResult.Streams(Collections.unmodifiableList(out));
    }

    @Override
    public void close() {
        for (StreamsBatch batch : batches) {
            batch.close();
        }
    }
}
