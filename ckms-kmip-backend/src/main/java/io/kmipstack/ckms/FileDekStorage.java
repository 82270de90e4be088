package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code storage://file?dir=PATH}: one file per DEK, {@code <encoded id>.dek}, in one directory
 * that several processes (nodes on a shared volume) may use at once.
 *
 * <p>Every write is atomic and durable: the blob goes to a temporary file in the same directory,
 * which is flushed to disk ({@code fsync}), then put in place in one step (a hard link that fails
 * if the name exists for {@link #putIfAbsent}, an atomic rename for {@link #replace}), and the
 * directory is flushed so the new name survives a crash (as are, when this class creates the
 * directory, the parents that hold its name). A reader sees the old blob or the new
 * one, never a torn one. {@link #replace} and {@link #delete} hold a lock on the directory's
 * {@code .lock} file (and an in-process lock, since the JVM does not let one process lock a file
 * twice) across read-compare-rename, which makes the compare-and-swap atomic among the processes
 * using this class. The version is a digest of the content. A process killed between writing a
 * temporary file and putting it in place leaves that {@code .tmp-} file behind: never listed nor
 * read, and holding at most a wrapped blob.
 *
 * <p>File names keep {@code A-Z a-z 0-9 - _ .} and percent-encode every other UTF-8 byte (and a
 * leading dot), so any id maps to one name and back; an id whose name would pass
 * {@value #MAX_NAME} characters is refused. New files and the directory, when created here, are
 * readable by the owner only.
 */
final class FileDekStorage implements DekStorage {

    static final String SUFFIX = ".dek";
    static final int MAX_NAME = 240;
    static final int MAX_BLOB = 64 * 1024;
    private static final String LOCK_FILE = ".lock";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final ConcurrentHashMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final HexFormat HEX = HexFormat.of();

    private final Path dir;
    private final boolean posix;

    FileDekStorage(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            this.posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                Path existing = dir.toAbsolutePath().getParent();
                while (existing != null && !Files.isDirectory(existing)) {
                    existing = existing.getParent();
                }
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    syncCreated(existing, dir.toAbsolutePath());
                } else {
                    Files.createDirectories(dir);
                }
            }
            this.dir = dir.toRealPath();
        } catch (IOException e) {
            throw new DekStorageException("storage://file: cannot use directory " + dir + ": " + e, e, false);
        }
    }

    @Override
    public Optional<StoredDek> get(String dekId) {
        Path file = file(dekId);
        byte[] content;
        try {
            content = read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", file, e);
        }
        return Optional.of(new StoredDek(dekId, Bytes.of(content), version(content)));
    }

    @Override
    public boolean putIfAbsent(String dekId, Bytes blob) {
        Objects.requireNonNull(blob, "blob");
        Path target = file(dekId);
        if (Files.exists(target)) {
            return false;
        }
        Path temp = writeTemp(blob);
        try {
            try {
                // A hard link never replaces an existing name: atomic "create if absent" without a lock,
                // even against writers that do not use this class.
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // No hard links here (some network and FUSE file systems): check and rename under the lock.
                return locked(() -> {
                    if (Files.exists(target)) {
                        return false;
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    syncDirectory();
                    return true;
                });
            }
            syncDirectory();
            return true;
        } catch (IOException e) {
            throw failure("write", target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public boolean replace(String dekId, String expectedVersion, Bytes blob) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(blob, "blob");
        Path target = file(dekId);
        Path temp = writeTemp(blob);
        try {
            return locked(() -> {
                byte[] current;
                try {
                    current = read(target);
                } catch (NoSuchFileException e) {
                    return false;
                }
                if (!version(current).equals(expectedVersion)) {
                    return false;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory();
                return true;
            });
        } catch (IOException e) {
            throw failure("replace", target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public List<String> list(String startAfter, int limit) {
        DekIds.checkLimit(limit);
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String id = decode(name.substring(0, name.length() - SUFFIX.length()));
                if (id != null && (startAfter == null || DekIds.ORDER.compare(id, startAfter) > 0)) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw failure("list", dir, e);
        }
        ids.sort(DekIds.ORDER);
        return List.copyOf(ids.subList(0, Math.min(limit, ids.size())));
    }

    @Override
    public boolean delete(String dekId) {
        Path target = file(dekId);
        try {
            return locked(() -> {
                boolean deleted = Files.deleteIfExists(target);
                if (deleted) {
                    syncDirectory();
                }
                return deleted;
            });
        } catch (IOException e) {
            throw failure("delete", target, e);
        }
    }

    @Override
    public String toString() {
        return "storage://file?dir=" + dir;
    }

    Path directory() {
        return dir;
    }

    Path file(String dekId) {
        String name = encode(DekIds.check(dekId));
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("dek id: file name of " + name.length() + " characters (expected: <= " + MAX_NAME
                    + "; shorter ids, or fewer bytes outside A-Z a-z 0-9 - _ .)");
        }
        return dir.resolve(name + SUFFIX);
    }

    static String encode(String id) {
        return DekIds.encode(id);
    }

    static String decode(String name) {
        return DekIds.decode(name);
    }

    static String version(byte[] content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
            return HEX.formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BLOB) {
                throw new IOException("blob size: " + size + " (expected: <= " + MAX_BLOB + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until full or end of file
            }
            return buf.hasRemaining() ? java.util.Arrays.copyOf(buf.array(), buf.position()) : buf.array();
        }
    }

    private Path writeTemp(Bytes blob) {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(blob.toByteArray());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("write", temp, e);
        }
        return temp;
    }

    private void syncDirectory() throws IOException {
        if (!posix) {
            return; // Windows cannot open a directory as a channel; its renames are as durable as it makes them.
        }
        force(dir);
    }

    /**
     * After {@code mkdir -p}: a new directory's name lives in its parent, and the directory
     * {@code fsync} after each write covers only the blob's name, not that of the directory holding
     * it. Without this, a power cut soon after the first acknowledged writes could lose the whole
     * directory. Flushes {@code existing} (the deepest ancestor that was there before) and every
     * directory created under it down to {@code created}.
     */
    private static void syncCreated(Path existing, Path created) throws IOException {
        Path p = created;
        while (p != null && !p.equals(existing)) {
            force(p);
            p = p.getParent();
        }
        if (existing != null) {
            try {
                force(existing);
            } catch (AccessDeniedException e) {
                // An ancestor we may traverse but not read (mode 711 homes): nothing more we can flush.
            }
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private interface IoAction {
        boolean run() throws IOException;
    }

    private boolean locked(IoAction action) throws IOException {
        ReentrantLock inProcess = PROCESS_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            return action.run();
        } finally {
            inProcess.unlock();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover ".tmp-" file is ignored by list() and harmless.
        }
    }

    private static DekStorageException failure(String what, Path file, IOException e) {
        return new DekStorageException("storage://file: " + what + " " + file + ": " + e, e, false);
    }
}
