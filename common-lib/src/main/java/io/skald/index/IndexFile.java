package io.skald.index;

import io.skald.labels.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One immutable index file held as a single byte array. {@link #open} checks the header and the CRC32C of the body
 * and reads the section table; symbols, series and postings are decoded on first use (decoded symbols and label sets
 * are cached). Safe to share between threads: the caches only ever store equal values.
 */
public final class IndexFile {
    private final byte[] data;
    private final String tenant;
    private final long minTime;
    private final long maxTime;
    private final int seriesCount;
    private final int chunkRefCount;
    private final int symbolCount;
    private final int symbolTable;
    private final int seriesTable;
    private final int nameCount;
    private final int nameTable;
    private final @Nullable String[] symbolCache;
    private final @Nullable Labels[] labelsCache;

    private IndexFile(byte[] data) {
        this.data = data;
        if (data.length < IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE) {
            throw new CorruptIndexException("index file too short: " + data.length + " bytes");
        }
        if (Cursor.getInt(data, 0) != IndexFormat.MAGIC) {
            throw new CorruptIndexException("not an index file: bad magic");
        }
        int version = data[4] & 0xFF;
        if (version != IndexFormat.VERSION) {
            throw new CorruptIndexException("unsupported index file version " + version);
        }
        int bodyLength = Cursor.getInt(data, 8);
        if (bodyLength != data.length - IndexFormat.HEADER_SIZE) {
            throw new CorruptIndexException("index body length " + bodyLength + " but file has "
                    + (data.length - IndexFormat.HEADER_SIZE) + " bytes after the header");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, IndexFormat.HEADER_SIZE, bodyLength);
        int expected = Cursor.getInt(data, 12);
        if ((int) crc.getValue() != expected) {
            throw new CorruptIndexException(String.format(
                    "index CRC32C mismatch: header says %08x, body has %08x", expected, (int) crc.getValue()));
        }
        int toc = IndexFormat.HEADER_SIZE;
        Cursor meta = new Cursor(data, Cursor.getInt(data, toc));
        tenant = meta.readString();
        minTime = meta.readLong();
        maxTime = meta.readLong();
        int metaInts = meta.position();
        seriesCount = Cursor.getInt(data, metaInts);
        chunkRefCount = Cursor.getInt(data, metaInts + 4);

        int symbols = Cursor.getInt(data, toc + 4);
        symbolCount = count(Cursor.getInt(data, symbols), symbols + 4, 4);
        symbolTable = symbols + 4;

        int seriesSection = Cursor.getInt(data, toc + 8);
        if (count(Cursor.getInt(data, seriesSection), seriesSection + 4, 4) != seriesCount) {
            throw new CorruptIndexException("series table size disagrees with the meta section");
        }
        seriesTable = seriesSection + 4;

        int labelIndex = Cursor.getInt(data, toc + 12);
        nameCount = count(Cursor.getInt(data, labelIndex), labelIndex + 4, IndexFormat.NAME_ENTRY_SIZE);
        nameTable = labelIndex + 4;

        symbolCache = new String[symbolCount];
        labelsCache = new Labels[seriesCount];
    }

    /**
     * Opens an encoded index file, verifying magic, version, length and CRC32C. The array is used as is, not
     * copied: the caller must not change it afterwards.
     *
     * @throws CorruptIndexException when any check fails
     */
    public static IndexFile open(byte[] bytes) {
        return new IndexFile(bytes);
    }

    /** The tenant whose series this file holds. */
    public String tenant() {
        return tenant;
    }

    /** Smallest chunk {@code from} in the file, in ns (0 for an empty file). */
    public long minTime() {
        return minTime;
    }

    /** Largest chunk {@code through} in the file, in ns (0 for an empty file). */
    public long maxTime() {
        return maxTime;
    }

    public int seriesCount() {
        return seriesCount;
    }

    public int chunkRefCount() {
        return chunkRefCount;
    }

    public int sizeBytes() {
        return data.length;
    }

    /** A copy of the encoded bytes, to upload. */
    public byte[] toByteArray() {
        return data.clone();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    /** Labels of a series; series ids run from 0 in label order. */
    public Labels labels(int seriesId) {
        Labels cached = labelsCache[checkSeries(seriesId)];
        if (cached != null) {
            return cached;
        }
        Cursor cursor = seriesCursor(seriesId);
        cursor.readLong();
        cursor.readVarint();
        cursor.readUvarint();
        int pairs = cursor.readCount();
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < pairs; i++) {
            builder.set(symbol(cursor.readCount()), symbol(cursor.readCount()));
        }
        Labels labels = builder.build();
        labelsCache[seriesId] = labels;
        return labels;
    }

    /** The stream fingerprint of a series ({@code labels(id).hash()}, stored so it needs no hashing). */
    public long fingerprint(int seriesId) {
        return Cursor.getLongAt(data, seriesOffset(checkSeries(seriesId)));
    }

    /** All chunk refs of a series, by time. */
    public List<ChunkRef> chunkRefs(int seriesId) {
        List<ChunkRef> refs = new ArrayList<>();
        forEachChunk(seriesId, Long.MIN_VALUE, Long.MAX_VALUE, refs::add);
        return refs;
    }

    /** Every label name in the file, sorted. */
    public List<String> labelNames() {
        List<String> names = new ArrayList<>(nameCount);
        for (int i = 0; i < nameCount; i++) {
            names.add(nameAt(i));
        }
        return names;
    }

    /** Every value of a label name in the file, sorted; empty when the name is absent. */
    public List<String> labelValues(String name) {
        int nameIndex = nameIndex(name);
        if (nameIndex < 0) {
            return List.of();
        }
        int count = valueCount(nameIndex);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(valueAt(nameIndex, i));
        }
        return values;
    }

    /** Sorted ids of the series with {@code name="value"}; empty when there are none. */
    public int[] postings(String name, String value) {
        int nameIndex = nameIndex(name);
        if (nameIndex < 0) {
            return Postings.EMPTY;
        }
        int valueIndex = valueIndex(nameIndex, value);
        return valueIndex < 0 ? Postings.EMPTY : postingsAt(nameIndex, valueIndex);
    }

    @Override
    public String toString() {
        return "IndexFile{tenant=" + tenant + ", series=" + seriesCount + ", chunks=" + chunkRefCount + ", bytes="
                + data.length + "}";
    }

    // ---- symbols

    int symbolCount() {
        return symbolCount;
    }

    String symbol(int id) {
        if (id < 0 || id >= symbolCount) {
            throw new CorruptIndexException("symbol " + id + " out of range (" + symbolCount + " symbols)");
        }
        String cached = symbolCache[id];
        if (cached == null) {
            cached = new Cursor(data, Cursor.getInt(data, symbolTable + id * 4)).readString();
            symbolCache[id] = cached;
        }
        return cached;
    }

    /** The id of a string in the sorted symbol table, or -1. */
    int symbolId(String value) {
        int low = 0;
        int high = symbolCount - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = symbol(mid).compareTo(value);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    // ---- label index and postings

    int nameCount() {
        return nameCount;
    }

    String nameAt(int nameIndex) {
        return symbol(Cursor.getInt(data, nameTable + nameIndex * IndexFormat.NAME_ENTRY_SIZE));
    }

    /** Position of a label name in the name table, or -1. */
    int nameIndex(String name) {
        int id = symbolId(name);
        if (id < 0) {
            return -1;
        }
        int low = 0;
        int high = nameCount - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Integer.compare(Cursor.getInt(data, nameTable + mid * IndexFormat.NAME_ENTRY_SIZE), id);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    int valueCount(int nameIndex) {
        return Cursor.getInt(data, nameTable + nameIndex * IndexFormat.NAME_ENTRY_SIZE + 4);
    }

    private int valueTable(int nameIndex) {
        return Cursor.getInt(data, nameTable + nameIndex * IndexFormat.NAME_ENTRY_SIZE + 8);
    }

    String valueAt(int nameIndex, int valueIndex) {
        return symbol(Cursor.getInt(data, valueTable(nameIndex) + valueIndex * IndexFormat.VALUE_ENTRY_SIZE));
    }

    /** Position of a value in a name's value table, or -1. */
    int valueIndex(int nameIndex, String value) {
        int id = symbolId(value);
        if (id < 0) {
            return -1;
        }
        int table = valueTable(nameIndex);
        int low = 0;
        int high = valueCount(nameIndex) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Integer.compare(Cursor.getInt(data, table + mid * IndexFormat.VALUE_ENTRY_SIZE), id);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    int[] postingsAt(int nameIndex, int valueIndex) {
        int offset = Cursor.getInt(data, valueTable(nameIndex) + valueIndex * IndexFormat.VALUE_ENTRY_SIZE + 4);
        Cursor cursor = new Cursor(data, offset);
        int count = cursor.readCount();
        if (count > seriesCount) {
            throw new CorruptIndexException(
                    "postings list of " + count + " ids in a file of " + seriesCount + " series");
        }
        int[] ids = new int[count];
        long id = 0;
        for (int i = 0; i < count; i++) {
            id += cursor.readUvarint();
            if (id >= seriesCount || (i > 0 && id <= ids[i - 1])) {
                throw new CorruptIndexException("postings list out of order or range at offset " + offset);
            }
            ids[i] = (int) id;
        }
        return ids;
    }

    // ---- series records

    /** Smallest chunk from of a series. */
    long seriesMinTime(int seriesId) {
        Cursor cursor = seriesCursor(checkSeries(seriesId));
        cursor.readLong();
        return cursor.readVarint();
    }

    /** Largest chunk through of a series. */
    long seriesMaxTime(int seriesId) {
        Cursor cursor = seriesCursor(checkSeries(seriesId));
        cursor.readLong();
        return cursor.readVarint() + cursor.readUvarint();
    }

    /** Whether any chunk of the series overlaps {@code [from, through)}. */
    boolean seriesOverlaps(int seriesId, long from, long through) {
        Cursor cursor = seriesCursor(checkSeries(seriesId));
        cursor.readLong();
        long min = cursor.readVarint();
        long max = min + cursor.readUvarint();
        if (!TimeRanges.overlaps(from, through, min, max)) {
            return false;
        }
        if (from <= min && max < through) {
            return true;
        }
        skipLabels(cursor);
        int chunks = cursor.readCount();
        for (int i = 0; i < chunks; i++) {
            long chunkFrom = min + cursor.readUvarint();
            long chunkThrough = chunkFrom + cursor.readUvarint();
            if (TimeRanges.overlaps(from, through, chunkFrom, chunkThrough)) {
                return true;
            }
            ChunkKeyCodec.skip(cursor);
            cursor.readUvarint();
            cursor.readUvarint();
            cursor.readUvarint();
        }
        return false;
    }

    /** Receives chunk refs decoded from a series record. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(ChunkRef ref);
    }

    /** Decodes the chunk refs of a series that overlap {@code [from, through)}, skipping the others' keys. */
    void forEachChunk(int seriesId, long from, long through, ChunkConsumer consumer) {
        Cursor cursor = seriesCursor(checkSeries(seriesId));
        long fingerprint = cursor.readLong();
        long min = cursor.readVarint();
        long max = min + cursor.readUvarint();
        if (!TimeRanges.overlaps(from, through, min, max)) {
            return;
        }
        skipLabels(cursor);
        int chunks = cursor.readCount();
        for (int i = 0; i < chunks; i++) {
            long chunkFrom = min + cursor.readUvarint();
            long chunkThrough = chunkFrom + cursor.readUvarint();
            if (TimeRanges.overlaps(from, through, chunkFrom, chunkThrough)) {
                String key = ChunkKeyCodec.read(cursor, this);
                consumer.accept(new ChunkRef(
                        tenant,
                        fingerprint,
                        chunkFrom,
                        chunkThrough,
                        key,
                        cursor.readUvarint(),
                        cursor.readUvarint(),
                        cursor.readUvarint()));
            } else {
                ChunkKeyCodec.skip(cursor);
                cursor.readUvarint();
                cursor.readUvarint();
                cursor.readUvarint();
            }
        }
    }

    /** Receives the sizes of chunks, without their keys. */
    @FunctionalInterface
    interface ChunkSizeConsumer {
        void accept(long from, long through, long uncompressedBytes, long entries);
    }

    /** Like {@link #forEachChunk} without decoding keys or allocating refs, for stats over a single file. */
    void forEachChunkSize(int seriesId, long from, long through, ChunkSizeConsumer consumer) {
        Cursor cursor = seriesCursor(checkSeries(seriesId));
        cursor.readLong();
        long min = cursor.readVarint();
        long max = min + cursor.readUvarint();
        if (!TimeRanges.overlaps(from, through, min, max)) {
            return;
        }
        skipLabels(cursor);
        int chunks = cursor.readCount();
        for (int i = 0; i < chunks; i++) {
            long chunkFrom = min + cursor.readUvarint();
            long chunkThrough = chunkFrom + cursor.readUvarint();
            ChunkKeyCodec.skip(cursor);
            cursor.readUvarint();
            long uncompressed = cursor.readUvarint();
            long entries = cursor.readUvarint();
            if (TimeRanges.overlaps(from, through, chunkFrom, chunkThrough)) {
                consumer.accept(chunkFrom, chunkThrough, uncompressed, entries);
            }
        }
    }

    private static void skipLabels(Cursor cursor) {
        int pairs = cursor.readCount();
        for (int i = 0; i < pairs * 2; i++) {
            cursor.readUvarint();
        }
    }

    private Cursor seriesCursor(int seriesId) {
        return new Cursor(data, seriesOffset(seriesId));
    }

    private int seriesOffset(int seriesId) {
        return Cursor.getInt(data, seriesTable + seriesId * 4);
    }

    private int checkSeries(int seriesId) {
        if (seriesId < 0 || seriesId >= seriesCount) {
            throw new IndexOutOfBoundsException("series " + seriesId + " of " + seriesCount);
        }
        return seriesId;
    }

    /** A count read from the file, checked against the bytes left for its fixed-width table. */
    private int count(int value, int tableStart, int entrySize) {
        if (value < 0 || (long) value * entrySize > data.length - (long) tableStart) {
            throw new CorruptIndexException("table of " + value + " entries does not fit the file");
        }
        return value;
    }

    static int[] allSeries(int count) {
        int[] ids = new int[count];
        Arrays.setAll(ids, i -> i);
        return ids;
    }
}
