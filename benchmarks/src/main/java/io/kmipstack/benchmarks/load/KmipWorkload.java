package io.kmipstack.benchmarks.load;

import io.kmipstack.client.BatchCall;
import io.kmipstack.client.BatchResult;
import io.kmipstack.client.KmipAsync;
import io.kmipstack.client.KmipRequest;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.ttlv.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The KMIP operations of the load generator, through {@link io.kmipstack.client.KmipClient}'s
 * asynchronous API. Before the run it creates what the operation needs, all named
 * {@code kmip-bench-<run>-...} so a run's objects are recognisable: up to {@value #MAX_KEYS}
 * AES-256 keys, activated (Get, Encrypt, Decrypt), one AES-GCM ciphertext per key (Decrypt), up to
 * {@value #MAX_SIGNING_KEYS} RSA-2048 key pairs with the private key activated (Sign), and
 * {@code populate} keys for Locate to search among, created in batches of {@value #BATCH} (see
 * {@link #batch} for how they are committed). It then
 * sends one request of each kind and refuses to start if any fails. Afterwards
 * {@link #cleanUp} revokes what it activated and destroys everything it created, including the
 * keys Create made during the run.
 *
 * <p>Every answer is checked, and a wrong one counts as an error: Get must return a Symmetric
 * Key, Encrypt ciphertext of the plaintext's length, Decrypt the original plaintext, Sign a
 * 256-byte signature, Locate exactly the key with the name asked for.
 */
final class KmipWorkload implements Workload {

    static final int MAX_KEYS = 16;
    static final int MAX_SIGNING_KEYS = 4;
    static final int BATCH = 50;
    static final int GCM_TAG_BYTES = 16;
    private static final Duration PREPARE_STEP_TIMEOUT = Duration.ofMinutes(2);

    private static final List<String> MIX_KINDS = List.of("get", "encrypt", "decrypt", "locate", "create");
    private static final List<BenchOperation> MIX_OPERATIONS =
            List.of(BenchOperation.GET, BenchOperation.ENCRYPT, BenchOperation.DECRYPT, BenchOperation.LOCATE, BenchOperation.CREATE);
    /** Four Gets, two Encrypts, two Decrypts, one Locate, one Create (indexes into MIX_KINDS). */
    private static final int[] MIX_ROTATION = {0, 0, 0, 0, 1, 1, 2, 2, 3, 4};

    private final KmipAsync kmip;
    private final BenchSettings settings;
    private final String prefix;
    private final Bytes data;
    private final AtomicLong created = new AtomicLong();

    private final List<String> keys = new ArrayList<>();
    private final List<Sealed> sealed = new ArrayList<>();
    private final List<String> signingKeys = new ArrayList<>();
    private String[] populated = new String[0];
    /** Everything this run created (destroyed at the end) and activated (revoked first). */
    private final Queue<String> owned = new ConcurrentLinkedQueue<>();
    private final Queue<String> active = new ConcurrentLinkedQueue<>();
    private volatile boolean undoRefused;

    /** AES-GCM ciphertext of {@link #data} under {@code key}, for Decrypt. */
    private record Sealed(String key, Bytes ciphertext, Bytes iv, Bytes tag) {
    }

    KmipWorkload(KmipAsync kmip, BenchSettings settings) {
        this.kmip = kmip;
        this.settings = settings;
        byte[] run = new byte[4];
        ThreadLocalRandom.current().nextBytes(run);
        this.prefix = "kmip-bench-" + HexFormat.of().formatHex(run) + "-";
        this.data = Bytes.wrap(plaintext(settings.size()));
    }

    /** {@code size} bytes counting up from 0, as PyKMIP's wire captures use. */
    static byte[] plaintext(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static List<String> kinds(BenchOperation op) {
        return op == BenchOperation.MIX ? MIX_KINDS : List.of(op.cliName());
    }

    static int kind(BenchOperation op, int user, long seq) {
        // Users start at different places in the rotation so that the kinds interleave across connections.
        return op == BenchOperation.MIX ? MIX_ROTATION[(int) ((seq + 3L * user) % MIX_ROTATION.length)] : 0;
    }

    static BenchOperation operation(BenchOperation op, int kind) {
        return op == BenchOperation.MIX ? MIX_OPERATIONS.get(kind) : op;
    }

    /** The prefix of every object name this run creates. */
    String namePrefix() {
        return prefix;
    }

    /** How many objects this run owns (and will destroy). */
    int ownedCount() {
        return owned.size();
    }

    @Override
    public List<String> kinds() {
        return kinds(settings.operation());
    }

    @Override
    public int kind(int user, long seq) {
        return kind(settings.operation(), user, seq);
    }

    // ---- preparing

    /** Creates the objects the operation needs, then sends one request of each kind; throws if any fails. */
    void prepare(BenchProgress progress) throws InterruptedException {
        BenchOperation op = settings.operation();
        boolean mix = op == BenchOperation.MIX;
        if (mix || op == BenchOperation.GET || op == BenchOperation.ENCRYPT || op == BenchOperation.DECRYPT) {
            int n = Math.min(settings.connections(), MAX_KEYS);
            String[] ids = createKeys(n, "key-", progress, "keys");
            Collections.addAll(keys, ids);
            await(inParallel(n, settings.connections(), i -> kmip.activate(ids[i]).thenRun(() -> active.add(ids[i]))),
                    progress, "activating keys", null);
        }
        if (mix || op == BenchOperation.DECRYPT) {
            for (String k : keys) {
                EncryptResponsePayload r = await(encrypt(k), progress, "preparing ciphertext", null);
                sealed.add(new Sealed(k, r.data(), r.ivCounterNonce(), r.authenticatedEncryptionTag()));
            }
        }
        if (op == BenchOperation.SIGN) {
            int n = Math.min(settings.connections(), MAX_SIGNING_KEYS);
            for (int i = 0; i < n; i++) {
                var r = await(kmip.createKeyPair().rsa(2048).privateName(prefix + "sign-" + i).publicName(prefix + "verify-" + i)
                        .privateUsage(CryptographicUsageMask.SIGN).publicUsage(CryptographicUsageMask.VERIFY).execute(),
                        progress, "creating RSA-2048 key pairs", null);
                owned.add(r.privateKeyUniqueIdentifier());
                owned.add(r.publicKeyUniqueIdentifier());
                await(kmip.activate(r.privateKeyUniqueIdentifier()), progress, "activating RSA keys", null);
                active.add(r.privateKeyUniqueIdentifier());
                signingKeys.add(r.privateKeyUniqueIdentifier());
            }
        }
        if (mix || op == BenchOperation.LOCATE) {
            populated = createKeys(settings.populate(), "n-", progress, "keys to locate among");
        }
        List<String> kinds = kinds();
        for (int k = 0; k < kinds.size(); k++) {
            try {
                await(send(0, k), progress, "trying " + kinds.get(k), null);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the server failed the first " + kinds.get(k) + ": " + ClosedLoop.describe(e), e);
            }
        }
    }

    /** Creates {@code count} named AES-256 keys in batches, {@code connections} batches at a time; their ids in name order. */
    private String[] createKeys(int count, String namePart, BenchProgress progress, String what) throws InterruptedException {
        String[] ids = new String[count];
        AtomicInteger done = new AtomicInteger();
        int batches = (count + BATCH - 1) / BATCH;
        CompletableFuture<Void> all = inParallel(batches, settings.connections(), b -> {
            int from = b * BATCH;
            int to = Math.min(count, from + BATCH);
            List<KmipRequest<CreateResponsePayload>> requests = new ArrayList<>();
            for (int i = from; i < to; i++) {
                requests.add(kmip.create().aes(256).name(prefix + namePart + i)
                        .usage(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT).request());
            }
            return batch(requests, BatchErrorContinuationOption.STOP).thenAccept(outcomes -> {
                Throwable first = null;
                for (int i = from; i < to; i++) {
                    if (outcomes.get(i - from) instanceof CreateResponsePayload r) {
                        ids[i] = r.uniqueIdentifier().toString();
                        owned.add(ids[i]);
                        done.incrementAndGet();
                    } else if (first == null) {
                        first = (Throwable) outcomes.get(i - from);
                    }
                }
                if (first != null) {
                    throw new IllegalStateException("create: " + ClosedLoop.describe(first), first);
                }
            });
        });
        await(all, progress, "creating " + what, () -> String.format("%,d/%,d", done.get(), count));
        return ids;
    }

    // ---- the operations

    @Override
    public CompletableFuture<?> send(int user, int kind) {
        return switch (operation(settings.operation(), kind)) {
            case GET -> get(user);
            case ENCRYPT -> encrypt(keys.get(user % keys.size())).thenAccept(r -> {
                if (r.data() == null || r.data().length() != data.length()) {
                    throw new IllegalStateException("encrypt: " + (r.data() == null ? "no" : r.data().length() + " bytes of")
                            + " ciphertext (expected: " + data.length() + " bytes)");
                }
            });
            case DECRYPT -> decrypt(user);
            case SIGN -> sign(user);
            case LOCATE -> locate();
            case CREATE -> create();
            default -> throw new IllegalStateException("not a KMIP request operation: " + settings.operation());
        };
    }

    private CompletableFuture<?> get(int user) {
        return kmip.get(keys.get(user % keys.size())).thenAccept(r -> {
            if (!ObjectType.SYMMETRIC_KEY.equals(r.objectType())) {
                throw new IllegalStateException("get: object type " + r.objectType() + " (expected: SymmetricKey)");
            }
        });
    }

    private CompletableFuture<EncryptResponsePayload> encrypt(String key) {
        // No IV: the server picks one, as it must for GCM to stay safe under one key.
        return kmip.encrypt().id(key).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM)
                .tagLength(GCM_TAG_BYTES).data(data).execute();
    }

    private CompletableFuture<?> decrypt(int user) {
        Sealed s = sealed.get(user % sealed.size());
        return kmip.decrypt().id(s.key()).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM)
                .tagLength(GCM_TAG_BYTES).data(s.ciphertext()).iv(s.iv()).tag(s.tag()).execute().thenAccept(r -> {
                    if (!data.equals(r.data())) {
                        throw new IllegalStateException("decrypt: the plaintext differs from what was encrypted");
                    }
                });
    }

    private CompletableFuture<?> sign(int user) {
        return kmip.sign().id(signingKeys.get(user % signingKeys.size())).algorithm(CryptographicAlgorithm.RSA)
                .hashing(HashingAlgorithm.SHA_256).padding(PaddingMethod.PKCS1_V1_5).data(data).execute().thenAccept(r -> {
                    if (r.signatureData() == null || r.signatureData().length() != 256) {
                        throw new IllegalStateException("sign: " + (r.signatureData() == null ? "no" : r.signatureData().length()
                                + "-byte") + " signature (expected: 256 bytes, RSA-2048)");
                    }
                });
    }

    private CompletableFuture<?> locate() {
        int i = ThreadLocalRandom.current().nextInt(populated.length);
        String expected = populated[i];
        return kmip.locate().name(prefix + "n-" + i).execute().thenAccept(r -> {
            List<UniqueIdentifier> found = r.uniqueIdentifiers();
            if (found.size() != 1 || !found.get(0).toString().equals(expected)) {
                throw new IllegalStateException("locate: " + found.size() + " objects found (expected: exactly the one named)");
            }
        });
    }

    private CompletableFuture<?> create() {
        return kmip.create().aes(256).name(prefix + "c-" + created.incrementAndGet())
                .usage(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT).execute()
                .thenAccept(r -> owned.add(r.uniqueIdentifier().toString()));
    }

    // ---- cleaning up

    /** What cleaning up left behind. */
    record Cleanup(int objects, int failures, String firstFailure) {
    }

    /** Revokes what was activated and destroys everything created, in batches; failures are counted, not thrown. */
    Cleanup cleanUp(BenchProgress progress) throws InterruptedException {
        List<String> revoke = new ArrayList<>(active);
        List<String> destroy = new ArrayList<>(owned);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        RevocationReason reason = new RevocationReason(RevocationReasonCode.CESSATION_OF_OPERATION, null);
        runBatches(revoke, id -> KmipRequest.of(new RevokeRequestPayload(UniqueIdentifier.of(id), reason, null),
                RevokeResponsePayload.class), failures, first, done, progress, "revoking");
        done.set(0);
        runBatches(destroy, id -> KmipRequest.of(new DestroyRequestPayload(UniqueIdentifier.of(id)), DestroyResponsePayload.class),
                failures, first, done, progress, "destroying");
        return new Cleanup(destroy.size(), failures.get(), first.get());
    }

    private void runBatches(List<String> ids, java.util.function.Function<String, KmipRequest<?>> request, AtomicInteger failures,
            AtomicReference<String> first, AtomicInteger done, BenchProgress progress, String what) throws InterruptedException {
        int batches = (ids.size() + BATCH - 1) / BATCH;
        CompletableFuture<Void> all = inParallel(batches, settings.connections(), b -> {
            int from = b * BATCH;
            int to = Math.min(ids.size(), from + BATCH);
            List<KmipRequest<?>> requests = new ArrayList<>();
            for (int i = from; i < to; i++) {
                requests.add(request.apply(ids.get(i)));
            }
            return batch(requests, BatchErrorContinuationOption.CONTINUE).thenAccept(outcomes -> {
                for (Object o : outcomes) {
                    if (o instanceof Throwable t) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, ClosedLoop.describe(t));
                    } else {
                        done.incrementAndGet();
                    }
                }
            });
        });
        try {
            await(all, progress, what + " " + ids.size() + " objects", () -> String.format("%,d/%,d", done.get(), ids.size()));
        } catch (RuntimeException e) {
            first.compareAndSet(null, ClosedLoop.describe(e));
        }
    }

    // ---- helpers

    /**
     * Sends {@code requests} as one message and completes with one outcome per request, in order:
     * its response payload, or its failure. The batch goes first under Batch Error Continuation
     * Option Undo: a server that runs such a batch in one transaction (ours) then makes one durable
     * commit for it instead of one per item, which is what makes populating 100,000 keys take
     * minutes rather than most of an hour. The requests that did not succeed are sent again under
     * {@code fallback} (under Undo one failure undoes the rest; PyKMIP 0.10 refuses Undo with
     * Invalid Message); when none had succeeded, Undo is not tried again in this run. Requests
     * that succeeded are never sent twice.
     */
    private CompletableFuture<List<Object>> batch(List<? extends KmipRequest<?>> requests, BatchErrorContinuationOption fallback) {
        Object[] outcomes = new Object[requests.size()];
        boolean undo = !undoRefused;
        return send(requests, undo ? BatchErrorContinuationOption.UNDO : fallback, outcomes).thenCompose(succeeded -> {
            if (succeeded == requests.size() || !undo) {
                return CompletableFuture.completedFuture(List.of(outcomes));
            }
            if (succeeded == 0) {
                undoRefused = true;
            }
            List<KmipRequest<?>> again = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] instanceof Throwable) {
                    again.add(requests.get(i));
                    where.add(i);
                }
            }
            Object[] retried = new Object[again.size()];
            return send(again, fallback, retried).thenApply(n -> {
                for (int j = 0; j < retried.length; j++) {
                    outcomes[where.get(j)] = retried[j];
                }
                return List.of(outcomes);
            });
        });
    }

    /** Sends one batch; fills {@code outcomes} (payload or failure per request) and completes with the number that succeeded. */
    private CompletableFuture<Integer> send(List<? extends KmipRequest<?>> requests, BatchErrorContinuationOption option,
            Object[] outcomes) {
        BatchCall<CompletableFuture<BatchResult>> batch = kmip.batch().continuationOption(option);
        requests.forEach(batch::add);
        return batch.execute().handle((result, e) -> {
            int ok = 0;
            for (int i = 0; i < outcomes.length; i++) {
                if (e != null) {
                    outcomes[i] = e;
                    continue;
                }
                try {
                    outcomes[i] = result.get(requests.get(i));
                    ok++;
                } catch (RuntimeException failure) {
                    outcomes[i] = failure;
                }
            }
            return ok;
        });
    }

    /**
     * Runs {@code count} tasks, at most {@code width} at a time; completes when all have, exceptionally
     * with the first failure (the others still run).
     */
    static CompletableFuture<Void> inParallel(int count, int width, IntFunction<CompletableFuture<?>> task) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        if (count == 0) {
            all.complete(null);
            return all;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            CompletableFuture<?> f;
            try {
                f = task.apply(i);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((r, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                if (finished.incrementAndGet() == count) {
                    Throwable t = failure.get();
                    if (t == null) {
                        all.complete(null);
                    } else {
                        all.completeExceptionally(t);
                    }
                } else {
                    chain[0].run();
                }
            });
        };
        for (int w = 0; w < Math.min(width, count); w++) {
            chain[0].run();
        }
        return all;
    }

    /** Waits for {@code f}, reporting progress every second; rethrows its failure unwrapped. */
    static <T> T await(CompletableFuture<T> f, BenchProgress progress, String what, java.util.function.Supplier<String> count)
            throws InterruptedException {
        long deadline = System.nanoTime() + PREPARE_STEP_TIMEOUT.toNanos();
        while (true) {
            try {
                return f.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                progress.status(what + (count == null ? "" : " " + count.get()));
                if (count == null && System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(what + ": no answer within " + PREPARE_STEP_TIMEOUT.toMinutes() + " minutes");
                }
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(what + ": " + ClosedLoop.describe(c), c);
            }
        }
    }
}
