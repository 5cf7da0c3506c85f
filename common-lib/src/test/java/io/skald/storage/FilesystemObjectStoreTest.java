package io.skald.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest extends ObjectStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        return new FilesystemObjectStore(root.resolve("store"));
    }

    @Test
    void keysAreRelativePathsUnderTheRoot() throws IOException {
        store.put("tenant/chunks/abc", "data".getBytes(StandardCharsets.UTF_8));

        assertThat(root.resolve("store/tenant/chunks/abc")).hasContent("data");
    }

    @Test
    void leavesNoTemporaryFilesAndRemovesEmptyDirectoriesOnDelete() throws IOException {
        store.put("a/b/c", new byte[] {1});
        store.put("a/b/c", new byte[] {2});
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(FilesystemObjectStore.TEMP_PREFIX));
        }

        store.delete("a/b/c");

        assertThat(root.resolve("store/a")).doesNotExist();
        assertThat(root.resolve("store")).isDirectory();
    }

    @Test
    void temporaryFilesAreNotListedAndTheirNamesAreNotKeys() throws IOException {
        Files.createDirectories(root.resolve("store/x"));
        Files.write(root.resolve("store/x/" + FilesystemObjectStore.TEMP_PREFIX + "123"), new byte[] {1});

        assertThat(store.list("")).isEmpty();
        assertThatThrownBy(() -> store.get("x/" + FilesystemObjectStore.TEMP_PREFIX + "123"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
