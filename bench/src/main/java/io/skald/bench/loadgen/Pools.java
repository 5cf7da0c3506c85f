package io.skald.bench.loadgen;

import io.skald.bench.corpus.CorpusPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Encodes a corpus into one list of request bodies per client, before any clock starts. */
public final class Pools {
    private Pools() {}

    public static List<List<EncodedPush>> encode(CorpusPlan plan, int clients, int batchLines, PushEncoding encoding) {
        return IntStream.range(0, clients)
                .parallel()
                .mapToObj(client -> {
                    List<EncodedPush> pushes = new ArrayList<>();
                    plan.forEachBatch(
                            client,
                            clients,
                            batchLines,
                            batch -> pushes.add(
                                    new EncodedPush(encoding.encode(batch), batch.lines(), batch.lineBytes())));
                    return List.copyOf(pushes);
                })
                .toList();
    }

    /** Sum of body sizes. */
    public static long bodyBytes(List<List<EncodedPush>> pools) {
        long bytes = 0;
        for (List<EncodedPush> pool : pools) {
            for (EncodedPush push : pool) {
                bytes += push.body().length;
            }
        }
        return bytes;
    }
}
