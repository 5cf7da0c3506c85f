package io.skald.wal;

/** Receives replayed records in log order. */
@FunctionalInterface
public interface ReplayConsumer {
    /**
     * Called once per record. {@code bytesReplayed} counts record bytes read so far (this one included), so the
     * ingester can flush when it passes {@code replay_memory_ceiling}.
     */
    void accept(WalRecord record, long bytesReplayed);
}
