package io.skald.bench.loadgen;

/** A request body ready to send, with the number of lines and raw line bytes it carries. */
public final class EncodedPush {
    private final byte[] body;
    private final int lines;
    private final long lineBytes;

    public EncodedPush(byte[] body, int lines, long lineBytes) {
        this.body = body;
        this.lines = lines;
        this.lineBytes = lineBytes;
    }

    /** The encoded body, shared, not copied: callers must not modify it. */
    public byte[] body() {
        return body;
    }

    public int lines() {
        return lines;
    }

    public long lineBytes() {
        return lineBytes;
    }
}
