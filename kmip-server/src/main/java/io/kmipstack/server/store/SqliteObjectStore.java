package io.kmipstack.server.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite store: one file {@code kmip.db} in the data folder, write-ahead log,
 * {@code synchronous=FULL} (a commit returns once the log is synced, so an acknowledged write
 * survives {@code kill -9} and power loss as far as SQLite and the disk promise). Tables and
 * migrations: {@link SqlSchema}. Content is encrypted by {@link Envelope}; attributes are stored
 * in clear.
 *
 * <p>Correctness does not rest on anything in this process: write transactions start with
 * {@code BEGIN IMMEDIATE}, so SQLite's file lock serializes them across processes (a busy database
 * is waited for by SQLite's busy timeout and the BEGIN retried a bounded number of times, before any
 * of the caller's work ran); updates carry {@code WHERE revision = ?}. Within this process, write
 * transactions are committed in groups on one connection, each in its own savepoint (see
 * {@link #write}). Read transactions are deferred transactions on pooled connections that see one
 * snapshot and never wait for writers (WAL). The only SQLite-specific SQL is the pragmas and
 * {@code BEGIN IMMEDIATE}; everything else is plain SQL a PostgreSQL store can reuse.
 */
final class SqliteObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteObjectStore.class);

    static final String DATABASE_FILE = "kmip.db";

    // SQLite's busy handler waits this long per attempt; with BEGIN_ATTEMPTS the longest a write
    // transaction waits for the database is about 10 s before it fails with StoreException.
    private static final int BUSY_TIMEOUT_MILLIS = 2000;
    private static final int BEGIN_ATTEMPTS = 5;
    private static final int MAX_IDLE_CONNECTIONS = 8;
    // Write transactions committed together at most; bounds how long one group keeps the others waiting.
    private static final int MAX_GROUP = 64;
    private static final int CACHE_KIB = 32 * 1024;
    private static final int CACHED_OBJECTS = 4096;
    private static final String INSERT_SEQ = "insert_seq";
    private static final String MASTER_KEY_CHECK = "master_key_check";
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    // Attribute values are written by this store; the limits only guard against a damaged file.
    private static final TtlvDecoder DECODER = TtlvDecoder.create(new TtlvLimits(Integer.MAX_VALUE, TtlvLimits.MAX_DEPTH_CAP));

    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Envelope envelope;
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    // Guards against a transact nested in transact or read on one thread, which could only wait
    // for itself (memory store) or for its own lock (here, until the busy bound).
    private final ThreadLocal<Boolean> inWork = new ThreadLocal<>();
    private final ReentrantLock writers = new ReentrantLock();
    // Write transactions take turns on one connection (under the writers lock), whose page cache
    // therefore stays current: on a pooled connection every other connection's commit would
    // invalidate it, and each write would begin by reading pages back.
    private Conn writerConn;
    private final ConcurrentLinkedQueue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * An object as a read transaction found it, and the version it had: revision, time of the last
     * write and the content's nonce, which every write of this or another process changes (a
     * revision alone would not tell an object deleted and inserted again under its identifier).
     * A Get checks the version in the database and uses the cached object only when it is the same,
     * so the cache saves the attribute rows, their decoding and the content's decryption, never a
     * trip to the database: correctness still rests on the database alone. It holds decrypted
     * content, as the process does while serving it, for at most {@value #CACHED_OBJECTS} objects.
     */
    private record Cached(Version version, StoredObject object) {

        record Version(long revision, long updatedAt, byte[] nonce) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Version v && v.revision == revision && v.updatedAt == updatedAt
                        && java.util.Arrays.equals(v.nonce, nonce);
            }

            @Override
            public int hashCode() {
                return Long.hashCode(revision) * 31 + java.util.Arrays.hashCode(nonce);
            }
        }
    }

    private void remember(String uid, Cached c) {
        if (cache.size() >= CACHED_OBJECTS) {
            // Crude but bounded: start over rather than track recency on every hit.
            cache.clear();
        }
        cache.put(uid, c);
    }
    private volatile boolean closed;

    private SqliteObjectStore(Path file, MasterKey masterKey) {
        this.file = file;
        this.envelope = new Envelope(masterKey);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        this.dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Opens (creating when missing) the store in {@code dataDir}, migrating its schema. */
    static SqliteObjectStore open(Path dataDir, MasterKey masterKey) {
        Path db = dataDir.resolve(DATABASE_FILE);
        try {
            createPrivate(dataDir, db);
        } catch (IOException e) {
            throw new UncheckedIOException("object store " + db + ": " + e.getMessage(), e);
        }
        SqliteObjectStore store = new SqliteObjectStore(db, masterKey);
        try {
            store.initialize();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    // A new data folder and database file are readable by their owner only: the file holds no key
    // material in clear, but names, owners and grants are nobody else's business either. SQLite
    // gives the -wal and -shm files the database file's mode.
    private static void createPrivate(Path dataDir, Path db) throws IOException {
        boolean posix = Files.getFileAttributeView(dataDir.toAbsolutePath().getRoot(), PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(dataDir)) {
            if (posix) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        }
        if (!Files.exists(db) && posix) {
            try {
                Files.createFile(db, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another process is creating the same store; SQLite's locking takes it from here.
            }
        }
    }

    private void initialize() {
        Conn conn = borrow();
        try {
            String mode = pragma(conn, "journal_mode");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StoreException(file + ": journal_mode " + mode + " (expected: wal)");
            }
            begin(conn, "BEGIN IMMEDIATE");
            try {
                long started = System.nanoTime();
                int before = SqlSchema.migrate(conn.c, file.toString());
                if (before > 0 && before < SqlSchema.LATEST) {
                    // Existing data was rewritten: say so, with how long the one-off upgrade took.
                    log.info("{}: schema upgraded from version {} to {} in {} ms", file, before, SqlSchema.LATEST,
                            (System.nanoTime() - started) / 1_000_000);
                }
                byte[] check = null;
                try (PreparedStatement p = conn.c.prepareStatement("SELECT value FROM store_info WHERE name = ?")) {
                    p.setString(1, MASTER_KEY_CHECK);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            check = rs.getBytes(1);
                        }
                    }
                }
                if (check == null) {
                    try (PreparedStatement p = conn.c.prepareStatement("INSERT INTO store_info (name, value) VALUES (?, ?)")) {
                        p.setString(1, MASTER_KEY_CHECK);
                        p.setBytes(2, envelope.checkValue());
                        p.executeUpdate();
                    }
                } else if (!envelope.matches(check)) {
                    throw new StoreException(file + ": the master key is not the one this store was created with");
                }
                exec(conn, "COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(conn, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": cannot open: " + e.getMessage(), e);
        } finally {
            release(conn);
        }
    }

    // ---- connections ------------------------------------------------------------------------

    /** A connection with its prepared statements; used by one transaction at a time. */
    static final class Conn {
        final Connection c;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Conn(Connection c) {
            this.c = c;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = statements.get(sql);
            if (p == null) {
                p = c.prepareStatement(sql);
                statements.put(sql, p);
            }
            p.clearParameters();
            return p;
        }

        void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is best effort; SQLite recovers from the log on the next open.
            }
        }
    }

    private Conn borrow() {
        Conn conn = idle.pollFirst();
        if (conn != null) {
            idleCount.decrementAndGet();
            return conn;
        }
        try {
            Connection c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                // WAL is a property of the file; synchronous and the rest hold per connection.
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
                // Freed pages (a destroyed key's ciphertext and wrapped data key) are zeroed.
                s.execute("PRAGMA secure_delete = ON");
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                // SQLite's default page cache is 2 MiB per connection; an insert touches index pages
                // all over the file (attributes by match key), and each miss is a read.
                s.execute("PRAGMA cache_size = -" + CACHE_KIB);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new Conn(c);
        } catch (SQLException e) {
            throw new StoreException(file + ": cannot open a connection: " + e.getMessage(), e);
        }
    }

    private void release(Conn conn) {
        if (!closed) {
            if (idleCount.incrementAndGet() <= MAX_IDLE_CONNECTIONS) {
                idle.addFirst(conn);
                if (closed && idle.remove(conn)) {
                    // close() ran in between and may have missed it.
                    idleCount.decrementAndGet();
                    conn.close();
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        conn.close();
    }

    private static String pragma(Conn conn, String name) throws SQLException {
        try (Statement s = conn.c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    // BEGIN, COMMIT and ROLLBACK run once or twice per request: prepared once per connection.
    private static void exec(Conn conn, String sql) throws SQLException {
        conn.prepare(sql).execute();
    }

    private void begin(Conn conn, String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                exec(conn, sql);
                return;
            } catch (SQLException e) {
                if (!isBusy(e)) {
                    throw e;
                }
                if (attempt == BEGIN_ATTEMPTS) {
                    throw new StoreException(file + ": database busy (" + BEGIN_ATTEMPTS + " attempts of "
                            + BUSY_TIMEOUT_MILLIS + " ms)", e);
                }
            }
        }
    }

    private static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xFF;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    /** Rolls back; true when that worked and the connection is clean enough to pool again. */
    private static boolean rollbackQuietly(Conn conn, Throwable cause) {
        try {
            exec(conn, "ROLLBACK");
            return true;
        } catch (SQLException e) {
            // SQLite ends the transaction itself on some errors; closing the connection settles it.
            cause.addSuppressed(e);
            return false;
        }
    }

    // ---- ObjectStore ------------------------------------------------------------------------

    @Override
    public <T> T transact(StoreWork<T> work) {
        return run(work, true);
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        return run(work, false);
    }

    private <T> T run(StoreWork<T> work, boolean write) {
        if (closed) {
            throw new IllegalStateException("object store: closed");
        }
        Boolean outer = inWork.get();
        if (write && outer != null) {
            throw new IllegalStateException("nested transaction (expected: transact outside transact and read)");
        }
        return write ? write(work) : read(work, outer);
    }

    // ---- write transactions: group commit ----------------------------------------------------

    /** A write transaction waiting for its turn, then its outcome; written under the writers lock. */
    private static final class Pending<T> {
        final StoreWork<T> work;
        boolean done;
        T result;
        Throwable failure;

        Pending(StoreWork<T> work) {
            this.work = work;
        }
    }

    /**
     * Runs {@code work} as one write transaction of a group. The thread holding the writers lock
     * runs every write transaction waiting at that moment, each inside its own savepoint of one
     * SQLite transaction, and commits them together: one sync of the log for the group instead of
     * one each, which is what bounds durable writes per second. A work that fails is rolled back to
     * its savepoint alone; if the commit fails, every work of the group fails. A caller returns once
     * the group holding its work has committed (or failed), so an answer still means "on disk".
     * The lock also stands in for SQLite's busy handler among this process's threads, which polls
     * with sleeps of 1 ms and more; SQLite still serializes writers across processes.
     */
    private <T> T write(StoreWork<T> work) {
        Pending<T> mine = new Pending<>(work);
        waiting.add(mine);
        enterWriter(mine);
        try {
            while (!mine.done) {
                runGroup();
            }
        } finally {
            writers.unlock();
        }
        if (mine.failure instanceof RuntimeException e) {
            throw e;
        }
        if (mine.failure instanceof Error e) {
            throw e;
        }
        return mine.result;
    }

    private void enterWriter(Pending<?> mine) {
        try {
            if (writers.tryLock((long) BUSY_TIMEOUT_MILLIS * BEGIN_ATTEMPTS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (waiting.remove(mine)) {
                throw new StoreException(file + ": interrupted while waiting for the database", e);
            }
        }
        if (waiting.remove(mine)) {
            throw new StoreException(file + ": database busy (no write transaction ended in "
                    + BUSY_TIMEOUT_MILLIS * BEGIN_ATTEMPTS + " ms)");
        }
        // A group holding this work is running: its outcome comes when that group ends.
        writers.lock();
    }

    /** Takes up to {@value #MAX_GROUP} waiting works and runs them as one transaction. Holds the writers lock. */
    private void runGroup() {
        List<Pending<?>> group = new ArrayList<>();
        Pending<?> p;
        while (group.size() < MAX_GROUP && (p = waiting.poll()) != null) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        inWork.set(Boolean.TRUE);
        if (writerConn == null) {
            writerConn = borrow();
        }
        Conn conn = writerConn;
        boolean clean = false;
        try {
            begin(conn, "BEGIN IMMEDIATE");
            for (Pending<?> item : group) {
                runInSavepoint(conn, item);
            }
            exec(conn, "COMMIT");
            clean = true;
        } catch (SQLException | RuntimeException e) {
            if (rollbackQuietly(conn, e)) {
                clean = true;
            }
            for (Pending<?> item : group) {
                if (item.failure == null) {
                    item.result = null;
                    item.failure = e instanceof StoreException ? e : new StoreException(file + ": " + e.getMessage(), e);
                }
            }
        } finally {
            for (Pending<?> item : group) {
                item.done = true;
            }
            inWork.remove();
            if (!clean) {
                // The transaction could not be ended cleanly: do not use the connection again.
                conn.close();
                writerConn = null;
            }
        }
    }

    private <T> void runInSavepoint(Conn conn, Pending<T> item) throws SQLException {
        exec(conn, "SAVEPOINT item");
        Tx tx = new Tx(conn, true);
        try {
            item.result = item.work.run(tx);
            tx.finish();
            exec(conn, "RELEASE item");
        } catch (SQLException e) {
            item.failure = new StoreException(file + ": " + e.getMessage(), e);
            undo(conn);
        } catch (RuntimeException | Error e) {
            item.result = null;
            item.failure = e;
            undo(conn);
        } finally {
            tx.open = false;
        }
    }

    private static void undo(Conn conn) throws SQLException {
        exec(conn, "ROLLBACK TO item");
        exec(conn, "RELEASE item");
    }

    // ---- read transactions --------------------------------------------------------------------

    private <T> T read(StoreWork<T> work, Boolean outer) {
        inWork.set(Boolean.TRUE);
        Conn conn = borrow();
        boolean reusable = false;
        try {
            try {
                begin(conn, "BEGIN");
            } catch (SQLException e) {
                throw new StoreException(file + ": cannot begin a transaction: " + e.getMessage(), e);
            }
            Tx tx = new Tx(conn, false);
            try {
                T result = work.run(tx);
                exec(conn, "COMMIT");
                reusable = true;
                return result;
            } catch (SQLException e) {
                reusable = rollbackQuietly(conn, e);
                throw new StoreException(file + ": " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                reusable = rollbackQuietly(conn, e);
                throw e;
            } finally {
                tx.open = false;
            }
        } finally {
            if (outer == null) {
                inWork.remove();
            }
            if (reusable) {
                release(conn);
            } else {
                conn.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        boolean locked = false;
        try {
            // A write transaction still running keeps its connection until it ends (bounded).
            locked = writers.tryLock((long) BUSY_TIMEOUT_MILLIS * BEGIN_ATTEMPTS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (locked && writerConn != null) {
                writerConn.close();
                writerConn = null;
            }
        } finally {
            if (locked) {
                writers.unlock();
            }
        }
        Conn conn;
        while ((conn = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            conn.close();
        }
    }

    /** The database file (tests). */
    Path file() {
        return file;
    }

    /** Runs {@code fn} on a connection of this store outside any transaction (tests: PRAGMA, EXPLAIN). */
    <T> T withConnection(SqlFunction<T> fn) {
        Conn conn = borrow();
        try {
            return fn.apply(conn.c);
        } catch (SQLException e) {
            throw new StoreException(file + ": " + e.getMessage(), e);
        } finally {
            release(conn);
        }
    }

    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    // ---- Locate -------------------------------------------------------------------------------

    /**
     * A Locate query as SQL and its parameters. When {@code sortedInJava}, the rows are
     * (uid, insert_seq) in no particular order, possibly with repeats, and the caller orders them,
     * drops the repeats and applies the offset and maximum ({@link #page}); otherwise the SQL
     * returns the uids in order, offset and maximum applied.
     */
    record LocateSql(String sql, List<Object> parameters, boolean sortedInJava) {
    }

    /**
     * The SQL for {@code q}. With equality filters, the candidates come from the covering
     * (tag, match_key, uid) index, one join per filter, never from a scan of the objects;
     * multi-valued attributes match when any instance does. Those rows are not sorted in SQL: an
     * ORDER BY there builds a temporary B-tree on every run, which was about 12 us of the 16 us of
     * a Locate by Name through JDBC (and of the name check in every Create), while the matches of
     * equality filters sort in Java for next to nothing. Without filters, the owner index already
     * yields objects in insertion order, so SQL sorts and pages.
     */
    static LocateSql locateSql(LocateQuery q) {
        List<Object> params = new ArrayList<>();
        List<KmipAttribute> filters = q.attributes();
        StringBuilder sql;
        if (filters.isEmpty()) {
            sql = new StringBuilder("SELECT o.uid FROM objects o WHERE 1 = 1");
        } else {
            sql = new StringBuilder("SELECT o.uid, o.insert_seq FROM attributes a0");
            for (int i = 1; i < filters.size(); i++) {
                sql.append(" JOIN attributes a").append(i).append(" ON a").append(i).append(".uid = a0.uid");
            }
            sql.append(" JOIN objects o ON o.uid = a0.uid WHERE 1 = 1");
            for (int i = 0; i < filters.size(); i++) {
                KmipAttribute f = filters.get(i);
                sql.append(" AND a").append(i).append(".tag = ? AND a").append(i).append(".match_key = ?");
                params.add(f.tag());
                params.add(MatchKeys.of(f.item()));
            }
        }
        if (q.objectType() != null) {
            sql.append(" AND o.object_type = ?");
            params.add(q.objectType().value());
        }
        if (q.visibleTo() != null) {
            sql.append(" AND (o.owner = ? OR EXISTS (SELECT 1 FROM grants g WHERE g.uid = o.uid AND g.identity = ?))");
            params.add(q.visibleTo());
            params.add(q.visibleTo());
        }
        if (!filters.isEmpty()) {
            return new LocateSql(sql.toString(), params, true);
        }
        sql.append(" ORDER BY o.insert_seq LIMIT ? OFFSET ?");
        params.add(q.maximum() == null ? Long.MAX_VALUE : q.maximum().longValue());
        params.add((long) q.offset());
        return new LocateSql(sql.toString(), params, false);
    }

    /** The uids of {@code rows} (insert_seq, uid) in insertion order, each once, paged as {@code q} asks. */
    static List<String> page(List<Map.Entry<Long, String>> rows, LocateQuery q) {
        rows.sort(Map.Entry.comparingByKey());
        List<String> out = new ArrayList<>(q.maximum() == null ? rows.size() : Math.min(rows.size(), q.maximum()));
        long skip = q.offset();
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, String> r : rows) {
            if (r.getKey() == previous) {
                continue; // the same object again, through a second matching instance of an attribute
            }
            previous = r.getKey();
            if (skip > 0) {
                skip--;
                continue;
            }
            if (q.maximum() != null && out.size() >= q.maximum()) {
                break;
            }
            out.add(r.getValue());
        }
        return out;
    }

    static void bind(PreparedStatement p, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof Integer n) {
                p.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                p.setLong(i + 1, n);
            } else {
                p.setString(i + 1, (String) v);
            }
        }
    }

    // ---- the transaction --------------------------------------------------------------------------

    /** One transaction on one connection; confined to the thread running the work. */
    private final class Tx implements StoreTransaction {

        private final Conn conn;
        private final boolean writable;
        private boolean open = true;
        // Insert order numbers are taken from the sequences row once per transaction and written
        // back before commit; the write transaction holds the database, so nobody else moves it.
        private long seqStart = -1;
        private long seqNext = -1;

        Tx(Conn conn, boolean writable) {
            this.conn = conn;
            this.writable = writable;
        }

        private void check(String what, boolean write) {
            if (!open) {
                throw new IllegalStateException(what + ": transaction has ended");
            }
            if (write && !writable) {
                throw new ReadOnlyException(what);
            }
        }

        void finish() throws SQLException {
            if (seqNext > seqStart) {
                PreparedStatement p = conn.prepare("UPDATE sequences SET next_value = ? WHERE name = ? AND next_value = ?");
                p.setLong(1, seqNext);
                p.setString(2, INSERT_SEQ);
                p.setLong(3, seqStart);
                if (p.executeUpdate() != 1) {
                    throw new StoreException(file + ": sequence " + INSERT_SEQ + " moved during a write transaction");
                }
            }
        }

        private long nextSeq() throws SQLException {
            if (seqNext < 0) {
                PreparedStatement p = conn.prepare("SELECT next_value FROM sequences WHERE name = ?");
                p.setString(1, INSERT_SEQ);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(file + ": sequence " + INSERT_SEQ + " missing");
                    }
                    seqStart = rs.getLong(1);
                    seqNext = seqStart;
                }
            }
            return seqNext++;
        }

        @Override
        public String newUniqueIdentifier() {
            check("newUniqueIdentifier", false);
            return UniqueIdentifiers.next();
        }

        @Override
        public void insert(StoredObject o) {
            check("insert", true);
            String uid = o.uniqueIdentifier();
            try {
                if (exists(uid)) {
                    throw new IllegalArgumentException("object " + uid + ": already exists");
                }
                long now = System.currentTimeMillis();
                PreparedStatement p = conn.prepare("INSERT INTO objects (uid, insert_seq, object_type, owner, revision, state,"
                        + " content_ciphertext, content_nonce, wrapped_dek, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)");
                p.setString(1, uid);
                p.setLong(2, nextSeq());
                p.setInt(3, o.objectType().value());
                p.setString(4, o.owner());
                setState(p, 5, o);
                setContent(p, 6, uid, o);
                p.setLong(9, now);
                p.setLong(10, now);
                p.executeUpdate();
                insertAttributes(uid, o.attributes());
            } catch (SQLException e) {
                throw failure("insert", uid, e);
            }
        }

        @Override
        public Optional<StoredObject> get(String uid) {
            check("get", false);
            try {
                PreparedStatement p = conn.prepare("SELECT revision, updated_at, content_nonce, object_type, owner,"
                        + " content_ciphertext, wrapped_dek FROM objects WHERE uid = ?");
                p.setString(1, uid);
                Cached.Version version;
                ObjectType type;
                String owner;
                Envelope.Sealed sealed = null;
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    // The version first: an object read before at this version needs nothing more.
                    version = new Cached.Version(rs.getLong(1), rs.getLong(2), rs.getBytes(3));
                    Cached hit = cache.get(uid);
                    if (hit != null && hit.version().equals(version)) {
                        return Optional.of(hit.object());
                    }
                    type = ObjectType.valueOf(rs.getInt(4));
                    owner = rs.getString(5);
                    byte[] ciphertext = rs.getBytes(6);
                    if (ciphertext != null) {
                        sealed = new Envelope.Sealed(ciphertext, version.nonce(), rs.getBytes(7));
                    }
                }
                StoredObject read = load(uid, type, owner, version.revision(), sealed);
                // Only what a read transaction saw is committed; a write transaction may roll back.
                if (!writable) {
                    remember(uid, new Cached(version, read));
                }
                return Optional.of(read);
            } catch (SQLException e) {
                throw failure("get", uid, e);
            }
        }

        /** The object with its attribute rows and its content opened, from its row's fields. */
        private StoredObject load(String uid, ObjectType type, String owner, long revision, Envelope.Sealed sealed)
                throws SQLException {
            List<KmipAttribute> attributes = new ArrayList<>();
            PreparedStatement a = conn.prepare("SELECT attribute_index, value FROM attributes WHERE uid = ? ORDER BY ordinal");
            a.setString(1, uid);
            try (ResultSet rs = a.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1);
                    Integer attributeIndex = rs.wasNull() ? null : index;
                    attributes.add(new KmipAttribute(decode(uid, rs.getBytes(2)), attributeIndex));
                }
            }
            return new StoredObject(uid, type, owner, revision, attributes, sealed == null ? null : envelope.open(uid, sealed));
        }

        @Override
        public void update(StoredObject o) {
            check("update", true);
            String uid = o.uniqueIdentifier();
            try {
                PreparedStatement p = conn.prepare("UPDATE objects SET object_type = ?, owner = ?, revision = ?, state = ?,"
                        + " content_ciphertext = ?, content_nonce = ?, wrapped_dek = ?, updated_at = ?"
                        + " WHERE uid = ? AND revision = ?");
                p.setInt(1, o.objectType().value());
                p.setString(2, o.owner());
                p.setLong(3, o.revision() + 1);
                setState(p, 4, o);
                setContent(p, 5, uid, o);
                p.setLong(8, System.currentTimeMillis());
                p.setString(9, uid);
                p.setLong(10, o.revision());
                if (p.executeUpdate() != 1) {
                    throw new ConcurrentModificationException(uid, o.revision());
                }
                cache.remove(uid);
                PreparedStatement d = conn.prepare("DELETE FROM attributes WHERE uid = ?");
                d.setString(1, uid);
                d.executeUpdate();
                insertAttributes(uid, o.attributes());
            } catch (SQLException e) {
                throw failure("update", uid, e);
            }
        }

        @Override
        public boolean delete(String uid) {
            check("delete", true);
            try {
                for (String sql : List.of("DELETE FROM attributes WHERE uid = ?", "DELETE FROM grants WHERE uid = ?")) {
                    PreparedStatement p = conn.prepare(sql);
                    p.setString(1, uid);
                    p.executeUpdate();
                }
                PreparedStatement p = conn.prepare("DELETE FROM objects WHERE uid = ?");
                p.setString(1, uid);
                cache.remove(uid);
                return p.executeUpdate() > 0;
            } catch (SQLException e) {
                throw failure("delete", uid, e);
            }
        }

        @Override
        public Set<String> grants(String uid) {
            check("grants", false);
            try {
                PreparedStatement p = conn.prepare("SELECT identity FROM grants WHERE uid = ? ORDER BY identity");
                p.setString(1, uid);
                Set<String> out = new LinkedHashSet<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return Collections.unmodifiableSet(out);
            } catch (SQLException e) {
                throw failure("grants", uid, e);
            }
        }

        @Override
        public void grant(String uid, String identity) {
            check("grant", true);
            java.util.Objects.requireNonNull(identity, "identity");
            try {
                if (!exists(uid)) {
                    throw new NoSuchElementException("object " + uid + ": not found");
                }
                PreparedStatement p = conn.prepare("INSERT INTO grants (uid, identity) SELECT ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM grants WHERE uid = ? AND identity = ?)");
                p.setString(1, uid);
                p.setString(2, identity);
                p.setString(3, uid);
                p.setString(4, identity);
                p.executeUpdate();
            } catch (SQLException e) {
                throw failure("grant", uid, e);
            }
        }

        @Override
        public boolean revokeGrant(String uid, String identity) {
            check("revokeGrant", true);
            try {
                PreparedStatement p = conn.prepare("DELETE FROM grants WHERE uid = ? AND identity = ?");
                p.setString(1, uid);
                p.setString(2, identity);
                return p.executeUpdate() > 0;
            } catch (SQLException e) {
                throw failure("revokeGrant", uid, e);
            }
        }

        @Override
        public List<String> locate(LocateQuery query) {
            check("locate", false);
            LocateSql q = locateSql(query);
            try {
                PreparedStatement p = conn.prepare(q.sql());
                bind(p, q.parameters());
                if (q.sortedInJava()) {
                    List<Map.Entry<Long, String>> rows = new ArrayList<>();
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rows.add(Map.entry(rs.getLong(2), rs.getString(1)));
                        }
                    }
                    return page(rows, query);
                }
                List<String> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException(file + ": locate: " + e.getMessage(), e);
            }
        }

        private boolean exists(String uid) throws SQLException {
            PreparedStatement p = conn.prepare("SELECT 1 FROM objects WHERE uid = ?");
            p.setString(1, uid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }

        private void insertAttributes(String uid, List<KmipAttribute> attributes) throws SQLException {
            if (attributes.isEmpty()) {
                return;
            }
            PreparedStatement p = conn.prepare("INSERT INTO attributes (uid, ordinal, tag, attribute_index, value, match_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < attributes.size(); i++) {
                KmipAttribute a = attributes.get(i);
                byte[] encoded = TtlvEncoder.encode(a.item());
                p.setString(1, uid);
                p.setInt(2, i);
                p.setInt(3, a.tag());
                if (a.index() == null) {
                    p.setNull(4, Types.INTEGER);
                } else {
                    p.setInt(4, a.index());
                }
                p.setBytes(5, encoded);
                if (LocateQuery.indexable(a.item())) {
                    p.setString(6, MatchKeys.of(encoded));
                } else {
                    p.setNull(6, Types.VARCHAR);
                }
                p.addBatch();
            }
            p.executeBatch();
        }

        private void setContent(PreparedStatement p, int first, String uid, StoredObject o) throws SQLException {
            if (o.content() == null) {
                p.setNull(first, Types.BLOB);
                p.setNull(first + 1, Types.BLOB);
                p.setNull(first + 2, Types.BLOB);
            } else {
                Envelope.Sealed s = envelope.seal(uid, o.content());
                p.setBytes(first, s.ciphertext());
                p.setBytes(first + 1, s.nonce());
                p.setBytes(first + 2, s.wrappedKey());
            }
        }

        private RuntimeException failure(String what, String uid, SQLException e) {
            return new StoreException(file + ": " + what + " " + uid + ": " + e.getMessage(), e);
        }
    }

    private static void setState(PreparedStatement p, int index, StoredObject o) throws SQLException {
        for (KmipAttribute a : o.attributes()) {
            if (a.tag() == Tag.STATE && a.item().type() == ItemType.ENUMERATION) {
                p.setInt(index, a.item().intValue());
                return;
            }
        }
        p.setNull(index, Types.INTEGER);
    }

    private Ttlv decode(String uid, byte[] value) {
        try {
            return DECODER.decode(value);
        } catch (RuntimeException e) {
            throw new StoreException(file + ": object " + uid + ": attribute value does not decode", e);
        }
    }
}
