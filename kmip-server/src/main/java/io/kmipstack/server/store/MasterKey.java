package io.kmipstack.server.store;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key under which a store encrypts managed objects at rest: each object's content is
 * sealed with its own data key, and the data keys are wrapped by this key (see the SQLite store in
 * {@link ObjectStores#sqlite}). Whoever holds this key and the store file holds every key in the
 * store, so it lives apart from the database: in dev mode a file of 32 random bytes,
 * {@link #DEFAULT_FILE_NAME} in the data folder, created on first start with mode 0600 and refused
 * afterwards if group or others may read or write it. Prints redacted.
 */
public final class MasterKey {

    /** The file name {@code kmip server --dev} uses in its data folder. */
    public static final String DEFAULT_FILE_NAME = "master.key";

    /** Length of the key and of its file, in bytes. */
    public static final int LENGTH = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKey key;

    private MasterKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A master key from its 32 bytes (tests, or a key held elsewhere). */
    public static MasterKey fromBytes(Bytes key) {
        Objects.requireNonNull(key, "key");
        if (key.length() != LENGTH) {
            throw new IllegalArgumentException("master key length: " + key.length() + " (expected: " + LENGTH + ")");
        }
        byte[] raw = key.toByteArray();
        try {
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** A fresh random master key (tests). */
    public static MasterKey generate() {
        byte[] raw = new byte[LENGTH];
        new SecureRandom().nextBytes(raw);
        try {
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Reads the master key from {@code file}, or creates the file with a new random key (mode
     * 0600, created atomically so that no other process can have opened it first). On a file
     * system without POSIX permissions the mode is neither set nor checked.
     *
     * @throws IllegalStateException if the file may be read or written by group or others, or
     *     does not hold exactly 32 bytes
     * @throws UncheckedIOException if the file cannot be read or created
     */
    public static MasterKey loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    return create(file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it between our check and create: read theirs.
                }
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] raw = new byte[LENGTH];
        new SecureRandom().nextBytes(raw);
        try {
            boolean posix = Files.getFileAttributeView(dir != null ? dir : file, PosixFileAttributeView.class) != null;
            try (FileChannel ch = posix
                    ? FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(raw);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // The key must be on disk before any object is encrypted under it.
                ch.force(true);
            }
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static MasterKey load(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
            extra.addAll(perms);
            extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!extra.isEmpty()) {
                throw new IllegalStateException("master key file " + file + ": mode " + PosixFilePermissions.toString(perms)
                        + " (expected: rw------- , no access for group or others)");
            }
        }
        long size = Files.size(file);
        if (size != LENGTH) {
            throw new IllegalStateException("master key file " + file + ": " + size + " bytes (expected: " + LENGTH + ")");
        }
        byte[] raw = Files.readAllBytes(file);
        try {
            if (raw.length != LENGTH) {
                throw new IllegalStateException("master key file " + file + ": " + raw.length + " bytes (expected: " + LENGTH + ")");
            }
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The key for the JCE; stays inside the store package. */
    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[AES-256, redacted]";
    }
}
