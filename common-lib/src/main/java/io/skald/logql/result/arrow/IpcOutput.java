package io.skald.logql.result.arrow;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The caller's stream as the Arrow writer sees it: closing the writer must not close the caller's stream. */
final class IpcOutput extends FilterOutputStream {
    IpcOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
