package io.skald.logql.engine;

import org.jspecify.annotations.Nullable;

/** The streams an {@link EntrySource} selected, one at a time; closing releases whatever the source holds open. */
public interface StreamIterator extends AutoCloseable {

    /** The next selected stream, or null when there are no more. */
    @Nullable
    SourceStream next();

    @Override
    void close();
}
