package io.skald.logql.result.arrow;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * An IPC stream writer that writes the label-set dictionary once, before the first batch. Arrow's stream writer
 * instead compares every dictionary with a copy of the one last written before every batch, to emit replacements:
 * work in the dictionary's size per batch (seconds for thousands of series over hundreds of batches) for a
 * dictionary that never changes here.
 */
final class OnceDictionaryWriter extends ArrowStreamWriter {
    private boolean dictionariesWritten;

    OnceDictionaryWriter(VectorSchemaRoot root, DictionaryProvider provider, OutputStream out) {
        super(root, provider, new IpcOutput(out));
    }

    @Override
    protected void ensureDictionariesWritten(DictionaryProvider provider, Set<Long> dictionaryIdsUsed)
            throws IOException {
        if (dictionariesWritten) {
            return;
        }
        for (long id : dictionaryIdsUsed) {
            writeDictionaryBatch(provider.lookup(id));
        }
        dictionariesWritten = true;
    }
}
