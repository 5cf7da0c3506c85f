package io.skald.index;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Collects series and their chunk refs for one tenant and builds an immutable {@link IndexFile}. Refs with the same
 * chunk key in one series are kept once. Not thread-safe; an ingester fills one writer per upload.
 */
public final class IndexWriter {
    private final String tenant;
    private final Map<Labels, Map<String, ChunkRef>> series = new HashMap<>();
    private int chunkRefCount;

    public IndexWriter(String tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Records that the stream {@code labels} has the chunk {@code ref}.
     *
     * @throws IllegalArgumentException when the ref is for another tenant, its fingerprint is not
     *     {@code labels.hash()}, or the label set is empty
     */
    public IndexWriter add(Labels labels, ChunkRef ref) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one label");
        }
        if (!ref.tenant().equals(tenant)) {
            throw new IllegalArgumentException(
                    "chunk " + ref.key() + " belongs to tenant " + ref.tenant() + ", not " + tenant);
        }
        if (ref.fingerprint() != labels.hash()) {
            throw new IllegalArgumentException("chunk " + ref.key() + " fingerprint "
                    + Long.toUnsignedString(ref.fingerprint(), 16) + " is not the hash of " + labels);
        }
        Map<String, ChunkRef> refs = series.computeIfAbsent(labels, l -> new LinkedHashMap<>());
        if (refs.putIfAbsent(ref.key(), ref) == null) {
            chunkRefCount++;
        }
        return this;
    }

    /** {@link #add(Labels, ChunkRef)} for each ref. */
    public IndexWriter addAll(Labels labels, Collection<ChunkRef> refs) {
        for (ChunkRef ref : refs) {
            add(labels, ref);
        }
        return this;
    }

    public int seriesCount() {
        return series.size();
    }

    public int chunkRefCount() {
        return chunkRefCount;
    }

    /** Encodes everything added so far; the writer can keep collecting afterwards. */
    public IndexFile build() {
        return IndexFile.open(encode());
    }

    private byte[] encode() {
        List<Labels> order = new ArrayList<>(series.keySet());
        order.sort(Comparator.naturalOrder());

        // Hash maps while collecting, one sort at the end: much cheaper than sorted maps for 100k+ series.
        Map<String, Integer> symbolIds = new HashMap<>();
        Map<String, Map<String, IntList>> postingsByName = new HashMap<>();
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (int id = 0; id < order.size(); id++) {
            Labels labels = order.get(id);
            for (int i = 0; i < labels.size(); i++) {
                symbolIds.put(labels.name(i), 0);
                symbolIds.put(labels.value(i), 0);
                postingsByName
                        .computeIfAbsent(labels.name(i), n -> new HashMap<>())
                        .computeIfAbsent(labels.value(i), v -> new IntList())
                        .add(id);
            }
            for (ChunkRef ref : series.get(labels).values()) {
                symbolIds.put(ChunkKeyCodec.prefix(ref.key()), 0);
                minTime = Math.min(minTime, ref.from());
                maxTime = Math.max(maxTime, ref.through());
            }
        }
        symbolIds.remove("");
        if (order.isEmpty()) {
            minTime = 0;
            maxTime = 0;
        }
        String[] symbols = symbolIds.keySet().toArray(String[]::new);
        Arrays.sort(symbols);
        for (int i = 0; i < symbols.length; i++) {
            symbolIds.put(symbols[i], i);
        }
        String[] names = postingsByName.keySet().toArray(String[]::new);
        Arrays.sort(names);

        Encoder out = new Encoder(64 + order.size() * 128 + chunkRefCount * 96);
        out.writeInt(IndexFormat.MAGIC);
        out.writeByte(IndexFormat.VERSION);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(0);
        out.writeInt(0); // body length, patched below
        out.writeInt(0); // CRC32C, patched below
        int toc = out.size();
        for (int i = 0; i < IndexFormat.TOC_SIZE / 4; i++) {
            out.writeInt(0);
        }

        // Meta.
        out.setInt(toc, out.size());
        out.writeString(tenant);
        out.writeLong(minTime);
        out.writeLong(maxTime);
        out.writeInt(order.size());
        out.writeInt(chunkRefCount);

        // Symbols: count, offset table, strings.
        out.setInt(toc + 4, out.size());
        out.writeInt(symbols.length);
        int symbolTable = reserve(out, symbols.length);
        for (int i = 0; i < symbols.length; i++) {
            out.setInt(symbolTable + i * 4, out.size());
            out.writeString(symbols[i]);
        }

        // Series: count, offset table, records.
        out.setInt(toc + 8, out.size());
        out.writeInt(order.size());
        int seriesTable = reserve(out, order.size());
        for (int id = 0; id < order.size(); id++) {
            Labels labels = order.get(id);
            out.setInt(seriesTable + id * 4, out.size());
            writeSeries(out, labels, series.get(labels).values(), symbolIds);
        }

        // Label index: names with value tables; postings offsets are patched as postings are written.
        out.setInt(toc + 12, out.size());
        out.writeInt(names.length);
        int nameEntry = out.size();
        int valueEntry = nameEntry + names.length * IndexFormat.NAME_ENTRY_SIZE;
        int valueEntries = postingsByName.values().stream().mapToInt(Map::size).sum();
        reserveBytes(out, names.length * IndexFormat.NAME_ENTRY_SIZE + valueEntries * IndexFormat.VALUE_ENTRY_SIZE);

        out.setInt(toc + 16, out.size());
        for (String name : names) {
            Map<String, IntList> values = postingsByName.get(name);
            String[] sortedValues = values.keySet().toArray(String[]::new);
            Arrays.sort(sortedValues);
            out.setInt(nameEntry, symbolIds.get(name));
            out.setInt(nameEntry + 4, sortedValues.length);
            out.setInt(nameEntry + 8, valueEntry);
            nameEntry += IndexFormat.NAME_ENTRY_SIZE;
            for (String value : sortedValues) {
                out.setInt(valueEntry, symbolIds.get(value));
                out.setInt(valueEntry + 4, out.size());
                valueEntry += IndexFormat.VALUE_ENTRY_SIZE;
                writePostings(out, values.get(value));
            }
        }

        int bodyLength = out.size() - IndexFormat.HEADER_SIZE;
        out.setInt(8, bodyLength);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), IndexFormat.HEADER_SIZE, bodyLength);
        out.setInt(12, (int) crc.getValue());
        return out.toByteArray();
    }

    private static void writeSeries(
            Encoder out, Labels labels, Collection<ChunkRef> refs, Map<String, Integer> symbolIds) {
        ChunkRef[] chunks = refs.toArray(ChunkRef[]::new);
        Arrays.sort(chunks, ChunkRef.ORDER);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ChunkRef ref : chunks) {
            min = Math.min(min, ref.from());
            max = Math.max(max, ref.through());
        }
        out.writeLong(labels.hash());
        out.writeVarint(min);
        out.writeUvarint(max - min);
        out.writeUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.writeUvarint(symbolIds.get(labels.name(i)));
            out.writeUvarint(symbolIds.get(labels.value(i)));
        }
        out.writeUvarint(chunks.length);
        for (ChunkRef ref : chunks) {
            out.writeUvarint(ref.from() - min);
            out.writeUvarint(ref.through() - ref.from());
            String prefix = ChunkKeyCodec.prefix(ref.key());
            ChunkKeyCodec.write(out, ref.key(), prefix.isEmpty() ? -1 : symbolIds.get(prefix));
            out.writeUvarint(ref.compressedBytes());
            out.writeUvarint(ref.uncompressedBytes());
            out.writeUvarint(ref.entries());
        }
    }

    private static void writePostings(Encoder out, IntList ids) {
        out.writeUvarint(ids.size());
        int previous = 0;
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            out.writeUvarint(id - previous);
            previous = id;
        }
    }

    private static int reserve(Encoder out, int ints) {
        int start = out.size();
        reserveBytes(out, ints * 4);
        return start;
    }

    private static void reserveBytes(Encoder out, int bytes) {
        out.writeZeros(bytes);
    }
}
