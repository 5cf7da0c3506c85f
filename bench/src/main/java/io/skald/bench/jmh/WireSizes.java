package io.skald.bench.jmh;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Prints what encoded results would cost on the wire: raw, gzip (gRPC's built-in message compression) and zstd
 * level 3, in total over all parts and per row.
 */
final class WireSizes {
    private WireSizes() {}

    static void print(String encoding, byte[][] parts, long rows) {
        long raw = 0;
        long gzip = 0;
        long zstd = 0;
        for (byte[] part : parts) {
            raw += part.length;
            gzip += gzip(part);
            zstd += Zstd.compress(part, 3).length;
        }
        System.out.printf(
                Locale.ROOT,
                "# wire %-9s raw %,13d B (%6.1f B/row)  gzip %,12d B (%6.1f B/row)  zstd-3 %,12d B (%6.1f B/row)%n",
                encoding,
                raw,
                (double) raw / rows,
                gzip,
                (double) gzip / rows,
                zstd,
                (double) zstd / rows);
    }

    private static long gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 65_536)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
