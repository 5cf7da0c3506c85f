/** The ingester's write-ahead log: CRC'd segmented records, group-committed fsyncs, checkpoints and replay. */
package io.skald.wal;
