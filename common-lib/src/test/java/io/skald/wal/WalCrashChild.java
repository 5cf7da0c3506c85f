package io.skald.wal;

import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by {@link WalKillTest}: pushes forever and prints each acknowledged record until killed. */
public final class WalCrashChild {
    private WalCrashChild() {}

    public static void main(String[] args) throws Exception {
        WalWriter writer = WalWriter.open(Path.of(args[0]), 32 * 1024);
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                writer.append(new WalRecord.Series("tenant", thread, Labels.of("pusher", Integer.toString(thread))))
                        .join();
                for (long i = 0; ; i++) {
                    writer.append(new WalRecord.Entries(
                                    "tenant", thread, List.of(new LogEntry(i, "pusher " + thread + " seq " + i))))
                            .join();
                    System.out.println("ACK " + thread + " " + i);
                }
            });
        }
        // Never outlive the test: stop when the parent closes our stdin (it died) or after a minute.
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (System.in.read() != -1) {
                    // discard
                }
            } catch (java.io.IOException e) {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(3);
        });
        Thread.sleep(60_000);
        Runtime.getRuntime().halt(4);
    }
}
