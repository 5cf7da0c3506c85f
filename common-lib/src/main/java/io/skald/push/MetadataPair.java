package io.skald.push;

/** One structured metadata name/value pair attached to an entry. */
public record MetadataPair(String name, String value) {}
