package io.skald.logql.log.template;

/** What {@code __line__} and {@code __timestamp__} return while a template runs for one entry. */
public record EntryContext(String line, long timestampNanos) {}
