/** The ingester: per-tenant in-memory streams, the WAL, flushing to object storage and the ring lifecycle. */
package io.skald.ingester;
