package io.kmipstack.server.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Appends one JSON line per event ({@link JsonLines}) to a file opened in append mode. Each line
 * is formatted first and then handed to the operating system in a single write, under a lock, so
 * lines never interleave and a crash loses at most the line being written; nothing is buffered in
 * this process. Lines are not fsynced one by one: the audit log follows the page cache, the store
 * is what commits durably.
 */
final class FileAuditLog implements AuditLog {

    private final Path file;
    private final OutputStream out;
    private boolean closed;

    private FileAuditLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    static FileAuditLog open(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            boolean posix = dir != null && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            FileChannel ch = FileChannel.open(file,
                    EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), attrs);
            return new FileAuditLog(file, Channels.newOutputStream(ch));
        } catch (IOException e) {
            throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(AuditEvent event) {
        byte[] line = (JsonLines.format(Objects.requireNonNull(event, "event")) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("audit log " + file + ": closed");
            }
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
