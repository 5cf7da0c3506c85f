package io.skald.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory: key {@code a/b/c} is file {@code <root>/a/b/c}. Writes go to a temporary
 * file in the same directory, are synced, then renamed over the target, so readers never see a partial object.
 */
public final class FilesystemObjectStore implements ObjectStore {
    /** Temporary files start with this; they never show up in listings. */
    static final String TEMP_PREFIX = ".skald-tmp-";

    private static final int CREATE_ATTEMPTS = 5;

    private final Path root;

    /** Uses (and creates) {@code root}. */
    public FilesystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot create object store directory " + this.root, e);
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    private Path path(String key) {
        ObjectKeys.requireValidKey(key);
        if (Arrays.stream(key.split("/")).anyMatch(s -> s.startsWith(TEMP_PREFIX))) {
            throw new IllegalArgumentException("object key segment may not start with " + TEMP_PREFIX + ": " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return path;
    }

    @Override
    public void put(String key, byte[] data) {
        Path target = path(key);
        Path directory = target.getParent();
        // A concurrent delete may remove the (then empty) directory between creating it and writing: try again.
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(directory);
                Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID());
                try {
                    writeSynced(temp, data);
                    move(temp, target);
                    return;
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (NoSuchFileException e) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw new ObjectStoreException("put " + key + " failed", e);
                }
            } catch (IOException e) {
                throw new ObjectStoreException("put " + key + " failed", e);
            }
        }
    }

    private static void writeSynced(Path file, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public byte[] get(String key) {
        Path path = path(key);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            if (Files.isDirectory(path)) {
                throw new ObjectNotFoundException(key);
            }
            throw new ObjectStoreException("get " + key + " failed", e);
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        Path path = path(key);
        if (Files.isDirectory(path)) {
            throw new ObjectNotFoundException(key);
        }
        try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - offset));
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file
            }
            return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new ObjectStoreException("get " + key + " failed", e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public List<String> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(k -> k.startsWith(prefix))
                    .forEach(keys::add);
        } catch (NoSuchFileException e) {
            // The directory went away while listing: nothing under it.
        } catch (IOException | UncheckedIOException e) {
            // Files deleted concurrently surface as UncheckedIOException(NoSuchFileException) from the walk.
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw new ObjectStoreException("list " + prefix + " failed", e);
            }
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    @Override
    public void delete(String key) {
        Path path = path(key);
        try {
            if (Files.isDirectory(path)) {
                return;
            }
            Files.deleteIfExists(path);
            removeEmptyParents(path.getParent());
        } catch (IOException e) {
            throw new ObjectStoreException("delete " + key + " failed", e);
        }
    }

    /** Removes directories left empty by a delete, up to the root, so the tree does not fill with empty folders. */
    private void removeEmptyParents(Path directory) {
        Path current = directory;
        while (current != null && !current.equals(root) && current.startsWith(root)) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                // Not empty (another object lives there), already gone, or not ours to remove: stop climbing.
                return;
            }
            current = current.getParent();
        }
    }

    @Override
    public String toString() {
        return "filesystem:" + root;
    }
}
