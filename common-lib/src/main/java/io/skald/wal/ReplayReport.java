package io.skald.wal;

import java.time.Duration;

/**
 * What a replay read: {@code checkpoint} is the checkpoint's segment index or -1 when none was loaded;
 * {@code corruptTails} counts files whose replay stopped early at a torn or corrupt record.
 */
public record ReplayReport(
        long checkpoint, int segments, long records, long bytes, int corruptTails, Duration duration) {}
