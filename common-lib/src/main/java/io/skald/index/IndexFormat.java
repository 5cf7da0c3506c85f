package io.skald.index;

/** Byte layout constants of an index file; {@code docs/index-format.md} draws the whole layout. */
final class IndexFormat {
    private IndexFormat() {}

    /** "SKIX". */
    static final int MAGIC = 0x534B4958;

    static final int VERSION = 1;

    /** magic (4) | version (1) | reserved (3) | body length (4) | CRC32C of body (4). */
    static final int HEADER_SIZE = 16;

    /** Five absolute u32 section offsets at the start of the body: meta, symbols, series, label index, postings. */
    static final int TOC_SIZE = 20;

    /** Per label name in the label index: name symbol, value count, value table offset (u32 each). */
    static final int NAME_ENTRY_SIZE = 12;

    /** Per value in a value table: value symbol, postings offset (u32 each). */
    static final int VALUE_ENTRY_SIZE = 8;
}
