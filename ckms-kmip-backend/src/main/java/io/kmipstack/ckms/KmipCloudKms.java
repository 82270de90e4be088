package io.kmipstack.ckms;

import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link WrappingKms} over a {@link KmipKek} and a {@link DekStorage}. The only state is in the
 * storage and on the KMIP server, so any number of instances (nodes) share DEKs through them.
 */
final class KmipCloudKms implements WrappingKms {

    /** Rounds of read / create / putIfAbsent before giving up on a blob that keeps changing. */
    static final int ATTEMPTS = 5;

    private final KmipKek kek;
    private final DekStorage storage;
    private final boolean closeClient;
    private volatile boolean closed;

    KmipCloudKms(KmipKek kek, DekStorage storage, boolean closeClient) {
        this.kek = Objects.requireNonNull(kek, "kek");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.closeClient = closeClient;
    }

    @Override
    public Bytes getDek(String dekId, int dekSize) {
        DekIds.check(dekId);
        if (dekSize < 1 || dekSize > KmipKek.MAX_DEK) {
            throw new IllegalArgumentException("dek size: " + dekSize + " (expected: 1 to " + KmipKek.MAX_DEK + ")");
        }
        checkOpen();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredDek> stored = storage.get(dekId);
            if (stored.isPresent()) {
                return open(dekId, stored.get(), dekSize);
            }
            KmipKek.NewDek created = kek.newDek(dekId, dekSize); // checks the size against the wrap method
            if (storage.putIfAbsent(dekId, created.blob().encode())) {
                return created.dek();
            }
            // Another caller stored a blob first: theirs is the DEK. Ours was never handed out.
        }
        throw new DekStorageException("dek " + dekId + ": the stored blob appeared and vanished " + ATTEMPTS
                + " times in a row (expected: a stable blob; is something deleting it?)", null, true);
    }

    private Bytes open(String dekId, StoredDek stored, int dekSize) {
        WrappedDek w = decode(dekId, stored);
        if (w.dekLength() != dekSize) {
            throw new IllegalArgumentException("dek size: " + dekSize + " (expected: " + w.dekLength() + ", the size dek "
                    + dekId + " was created with)");
        }
        return kek.unwrap(dekId, w);
    }

    private WrappedDek decode(String dekId, StoredDek stored) {
        return kek.parse(dekId, stored.blob());
    }

    @Override
    public String kekName() {
        return kek.name();
    }

    @Override
    public String currentKekId() {
        checkOpen();
        return kek.currentKekId();
    }

    @Override
    public WrapMethod wrapMethod() {
        return kek.method();
    }

    @Override
    public DekStorage storage() {
        return storage;
    }

    @Override
    public KekRotation rotateKek() {
        checkOpen();
        return kek.rotate();
    }

    @Override
    public RewrapReport rewrap(RewrapOptions options) {
        checkOpen();
        return new Rewrapper(this, options).run();
    }

    @Override
    public RewrapJob rewrapInBackground(RewrapOptions options) {
        checkOpen();
        Rewrapper r = new Rewrapper(this, options);
        Thread t = new Thread(r::runInto, "ckms-rewrap");
        t.setDaemon(true);
        t.start();
        return r;
    }

    @Override
    public Map<String, Integer> blobsPerKek() {
        checkOpen();
        Map<String, Integer> counts = new TreeMap<>();
        String after = null;
        while (true) {
            List<String> page = storage.list(after, RewrapOptions.DEFAULT_PAGE_SIZE);
            if (page.isEmpty()) {
                return counts;
            }
            for (String id : page) {
                storage.get(id).ifPresent(s -> counts.merge(kekOf(id, s), 1, Integer::sum));
            }
            after = page.get(page.size() - 1);
        }
    }

    /** The KEK a blob names, read without the KMS (and without an audit event); "(unreadable)" for a malformed one. */
    static String kekOf(String dekId, StoredDek stored) {
        try {
            return WrappedDek.decode(dekId, stored.blob()).kekId();
        } catch (IntegrityException e) {
            return UNREADABLE;
        }
    }

    static final String UNREADABLE = "(unreadable)";

    @Override
    public void retireKek(String kekId) {
        checkRetirable(kekId);
        kek.retire(kekId, false);
    }

    @Override
    public void destroyKek(String kekId) {
        checkRetirable(kekId);
        if (kek.state(kekId) == State.ACTIVE) {
            throw new IllegalStateException("kek " + kekId + ": Active (expected: retired first, with retireKek)");
        }
        kek.retire(kekId, true);
    }

    private void checkRetirable(String kekId) {
        Objects.requireNonNull(kekId, "kekId");
        checkOpen();
        kek.forget();
        if (kek.currentKekId().equals(kekId)) {
            throw new IllegalStateException("kek " + kekId + ": the current KEK of \"" + kek.name()
                    + "\" (expected: a previous one; rotate first)");
        }
        int uses = blobsPerKek().getOrDefault(kekId, 0);
        if (uses > 0) {
            throw new IllegalStateException("kek " + kekId + ": still wraps " + uses + " blob(s) (expected: none; rewrap first)");
        }
    }

    // ---- for Rewrapper

    enum Outcome { REWRAPPED, CURRENT, VANISHED }

    /** Rewraps one blob under {@code kekId} unless it is already; compare-and-swap, retried when it changed. */
    Outcome rewrapOne(String dekId, String kekId, Map<String, Integer> perKek) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredDek> stored = storage.get(dekId);
            if (stored.isEmpty()) {
                return Outcome.VANISHED;
            }
            WrappedDek w = decode(dekId, stored.get());
            if (w.kekId().equals(kekId) && w.method() == kek.methodFor(w.dekLength())) {
                perKek.merge(kekId, 1, Integer::sum);
                return Outcome.CURRENT;
            }
            Bytes dek = kek.unwrap(dekId, w);
            WrappedDek fresh = kek.wrap(dekId, dek, kekId);
            if (storage.replace(dekId, stored.get().version(), fresh.encode())) {
                perKek.merge(kekId, 1, Integer::sum);
                return Outcome.REWRAPPED;
            }
            // Changed under us (another node rewrapping the same blob): look again.
        }
        throw new DekStorageException("dek " + dekId + ": the blob changed " + ATTEMPTS
                + " times during rewrap (expected: it settles)", null, true);
    }

    KmipKek kek() {
        return kek;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            storage.close();
        } finally {
            if (closeClient) {
                kek.client().close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("kms: closed");
        }
    }

    @Override
    public String toString() {
        return "WrappingKms[kek=\"" + kek.name() + "\", wrap=" + kek.method().uriName() + ", storage=" + storage + "]";
    }
}
