package io.skald.bench.loadgen;

/** A request body ready to send, with the number of lines and raw line bytes it carries. */
public record EncodedPush(byte[] body, int lines, long lineBytes) {}
