package io.kmipstack.ckms;

import static io.kmipstack.codec.registry.CryptographicUsageMask.DECRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.ENCRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.UNWRAP_KEY;
import static io.kmipstack.codec.registry.CryptographicUsageMask.WRAP_KEY;

import io.kmipstack.client.BatchResult;
import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipRequest;
import io.kmipstack.client.KmipRequests;
import io.kmipstack.client.KmipSync;
import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.ModifyAttributeResponsePayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.EncodingOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KEK on a KMIP server, and every KMIP exchange the wrapping KMS makes with it: finding the
 * KEK by Name (exactly one Active Symmetric Key bears it), creating it when absent and allowed,
 * wrapping and unwrapping DEKs ({@link WrapMethod}), rotating (Re-key, or Create and move the
 * Name), revoking and destroying old KEKs. Thread-safe.
 *
 * <p>The current KEK's identifier is cached for {@code cacheTtl}, so steady-state wrapping costs
 * one round trip; unwrapping never needs the Name, since every blob records its KEK's identifier.
 * A node whose cache still names the previous KEK after another node rotated keeps wrapping new
 * DEKs under it for at most that long: rewrap finds those blobs, and a KEK is retired only when
 * no blob uses it.
 */
final class KmipKek {

    /** What the KEK may do: GCM uses Encrypt/Decrypt, key wrap uses Wrap Key (Get) and Decrypt or ECB. */
    static final int KEK_USAGE = ENCRYPT | DECRYPT | WRAP_KEY | UNWRAP_KEY;
    static final int KEK_BITS = 256;
    static final int GCM_IV_BYTES = 12;
    static final int GCM_TAG_BYTES = 16;
    static final int MAX_DEK = 1024;
    private static final int LOOKUP_ATTEMPTS = 3;
    private static final int PRE_ACTIVE_WAITS = 10;
    private static final Duration LOOKUP_PAUSE = Duration.ofMillis(200);
    private static final byte[] BINDING_KEY_INFO = "kmipstack-ckms binding key".getBytes(StandardCharsets.US_ASCII);
    /** AES in NIST Key Wrap mode: the Encryption Key Information of our wraps, and a Cryptographic Parameters instance of our KEKs. */
    static final CryptographicParameters KEY_WRAP = new CryptographicParameters(BlockCipherMode.NIST_KEY_WRAP, null, null, null,
            null, CryptographicAlgorithm.AES, null, null, null, null, null, null, null, null, null, null, null, null);
    private static final KmipAttribute KEY_WRAP_PARAMETERS = KmipAttribute.of(KEY_WRAP.encode(Tag.CRYPTOGRAPHIC_PARAMETERS, KmipVersion.V2_1));
    private static final Set<ResultReason> REFUSED_ATTRIBUTE = Set.of(ResultReason.INVALID_FIELD,
            ResultReason.UNSUPPORTED_ATTRIBUTE, ResultReason.INVALID_ATTRIBUTE, ResultReason.INVALID_ATTRIBUTE_VALUE,
            ResultReason.ATTRIBUTE_NOT_FOUND);
    private static final Logger LOG = LoggerFactory.getLogger(KmipKek.class);

    /** How a key-wrap blob is opened on this server; learned from the first unwrap. */
    enum KeyWrapUnwrap { UNKNOWN, DECRYPT, ECB }

    record NewDek(Bytes dek, WrappedDek blob) {
    }

    private record Cached(String id, long atNanos) {
    }

    private final KmipClient client;
    private final String name;
    private final WrapMethod method;
    private final boolean createKek;
    private final KekRotation.Method rotation;
    private final long cacheTtlNanos;
    private final AuditSink audit;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<KeyWrapUnwrap> keyWrapUnwrap = new AtomicReference<>(KeyWrapUnwrap.UNKNOWN);
    // E_K(sixteen 0x10 bytes) per KEK: the PKCS#5 padding block that makes a one-block ECB Decrypt unpad cleanly.
    private final Map<String, byte[]> paddingBlocks = new ConcurrentHashMap<>();
    private volatile Cached current;

    KmipKek(KmipClient client, String name, WrapMethod method, boolean createKek, KekRotation.Method rotation,
            Duration cacheTtl, AuditSink audit) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("kek name: empty (expected: the Name of the KEK on the KMIP server)");
        }
        this.method = Objects.requireNonNull(method, "method");
        this.createKek = createKek;
        this.rotation = rotation;
        this.cacheTtlNanos = cacheTtl.toNanos();
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    String name() {
        return name;
    }

    WrapMethod method() {
        return method;
    }

    KmipClient client() {
        return client;
    }

    /** How key-wrap blobs are opened on this server so far (UNKNOWN before the first). */
    KeyWrapUnwrap keyWrapUnwrap() {
        return keyWrapUnwrap.get();
    }

    // ---- the current KEK

    /** The unique identifier of the KEK that wraps new blobs (cached; created when absent and allowed). */
    String currentKekId() {
        Cached c = current;
        if (c != null && System.nanoTime() - c.atNanos() < cacheTtlNanos) {
            return c.id();
        }
        String id = find(createKek);
        current = new Cached(id, System.nanoTime());
        return id;
    }

    /** Drops the cached identifier: the next wrap looks the KEK up by Name again. */
    void forget() {
        current = null;
    }

    /**
     * The one Active Symmetric Key named {@link #name}. Zero or several matches are looked up
     * again after a pause, since a rotation on another node moves the Name in two steps; while
     * the only other keys with the Name are Pre-Active (a KEK another node is creating, between
     * its Create and Activate), it waits longer before calling the KEK unusable.
     */
    String find(boolean mayCreate) {
        List<String> active = List.of();
        List<String> any = List.of();
        for (int attempt = 1; attempt <= LOOKUP_ATTEMPTS + PRE_ACTIVE_WAITS; attempt++) {
            active = locate(State.ACTIVE);
            if (active.size() == 1) {
                return active.get(0);
            }
            if (attempt >= LOOKUP_ATTEMPTS) {
                if (active.size() > 1) {
                    break;
                }
                any = locate(null);
                if (any.isEmpty() || locate(State.PRE_ACTIVE).isEmpty()) {
                    // Nothing, or nothing on its way to Active: a last look, in case one just turned Active.
                    active = locate(State.ACTIVE);
                    if (active.size() == 1) {
                        return active.get(0);
                    }
                    break;
                }
            }
            pause();
        }
        if (active.size() > 1) {
            throw new KekNotUsableException("kek \"" + name + "\": " + active.size() + " Active keys bear the Name " + active
                    + " (expected: exactly 1; revoke the extra ones)");
        }
        if (!any.isEmpty()) {
            throw new KekNotUsableException("kek \"" + name + "\": " + any.size() + " key(s) bear the Name " + any
                    + ", none Active (expected: exactly 1 Active)");
        }
        if (!mayCreate) {
            throw new KekNotFoundException("kek \"" + name + "\": no key bears that Name on the KMIP server"
                    + " (create it, or allow creation: createKek=true)");
        }
        return create();
    }

    private List<String> locate(State state) {
        try {
            var call = client.sync().locate().name(name).objectType(ObjectType.SYMMETRIC_KEY);
            if (state != null) {
                call.state(state);
            }
            return call.execute().uniqueIdentifiers().stream().map(UniqueIdentifier::toString).toList();
        } catch (KmipException e) {
            throw KmipFailures.map("locate kek \"" + name + "\"", e);
        }
    }

    /**
     * Creates and activates the KEK. A server that keeps Names unique refuses a second creator;
     * on one that does not (PyKMIP), two nodes creating at the same moment both succeed, and the
     * later key is revoked and destroyed again by whoever made it: the earliest (Initial Date,
     * then identifier) stays.
     */
    private String create() {
        KmipSync kmip = client.sync();
        String id;
        try {
            id = createKey(name);
        } catch (KmipException e) {
            if (!KmipFailures.isConnection(e) && !locate(null).isEmpty()) {
                return find(false); // someone else created it meanwhile
            }
            throw KmipFailures.map("create kek \"" + name + "\"", e);
        }
        activateIfNeeded(id);
        LOG.info("created kek \"{}\" as {}", name, id);
        List<String> active = locate(State.ACTIVE);
        if (active.size() > 1 && active.contains(id)) {
            String winner = earliest(active);
            if (!winner.equals(id)) {
                LOG.info("kek \"{}\": {} was created concurrently with {}; removing {}", name, winner, id, id);
                retire(id, true);
                return winner;
            }
        }
        return id;
    }

    /**
     * Creates an AES-256 KEK named {@code keyName}: Active at once (Activation Date now, so that no
     * other node finds it Pre-Active), with the Cryptographic Parameters instance {NIST Key Wrap,
     * AES} that a Get with a Key Wrapping Specification must match (KMIP 1.4 section 2.1.6; our
     * server enforces it). Servers that refuse either attribute (PyKMIP 0.10: Invalid Field) get
     * the key without them: they do not look for the parameters, and it is activated afterwards.
     */
    private String createKey(String keyName) {
        KmipSync kmip = client.sync();
        KmipAttribute activation = KmipAttribute.of(Ttlv.dateTime(Tag.ACTIVATION_DATE, Instant.now().getEpochSecond()));
        try {
            return kmip.create().aes(KEK_BITS).name(keyName).usage(KEK_USAGE).attribute(KEY_WRAP_PARAMETERS).attribute(activation)
                    .execute().uniqueIdentifier().toString();
        } catch (KmipException e) {
            if (KmipFailures.isConnection(e) || !REFUSED_ATTRIBUTE.contains(e.resultReason())) {
                throw e;
            }
            LOG.debug("the KMS refused the KEK's Cryptographic Parameters or Activation Date ({}); creating it without", e.resultReason());
            return kmip.create().aes(KEK_BITS).name(keyName).usage(KEK_USAGE).execute().uniqueIdentifier().toString();
        }
    }

    /** Activates {@code id} unless the server made it Active already (from its Activation Date). */
    private void activateIfNeeded(String id) {
        if (state(id) == State.ACTIVE) {
            return;
        }
        try {
            client.sync().activate(id);
        } catch (KmipException e) {
            throw KmipFailures.map("activate new kek " + id, e);
        }
    }

    private String earliest(List<String> ids) {
        record Dated(String id, Instant initial) {
        }
        List<Dated> dated = new ArrayList<>();
        for (String id : ids) {
            Instant initial = Instant.MAX;
            try {
                var attrs = KmipAttributes.of(client.sync().getAttributes(id, "Initial Date"));
                var a = KmipAttributes.find(attrs, "Initial Date");
                if (a.isPresent()) {
                    initial = a.get().value().instantValue();
                }
            } catch (KmipException e) {
                throw KmipFailures.map("get attributes of kek " + id, e);
            }
            dated.add(new Dated(id, initial));
        }
        return dated.stream().min(Comparator.comparing(Dated::initial).thenComparing(Dated::id, KmipKek::compareIds))
                .orElseThrow().id();
    }

    /** Identifiers in creation order where they are counters (PyKMIP's "12" after "9"), else text order. */
    static int compareIds(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    // ---- wrapping

    /** A new DEK of {@code size} bytes and its blob under the current KEK. */
    NewDek newDek(String dekId, int size) {
        checkSize(size);
        String kekId = currentKekId();
        if (method == WrapMethod.NISTKW && (size == 16 || size == 24 || size == 32)) {
            return serverGenerated(dekId, size, kekId);
        }
        byte[] dek = new byte[size];
        random.nextBytes(dek);
        try {
            Bytes plain = Bytes.of(dek);
            return new NewDek(plain, wrap(dekId, plain, kekId));
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** {@code dek} wrapped under the current KEK with the configured method. */
    WrappedDek wrap(String dekId, Bytes dek) {
        checkSize(dek.length());
        return wrap(dekId, dek, currentKekId());
    }

    WrappedDek wrap(String dekId, Bytes dek, String kekId) {
        WrapMethod m = methodFor(dek.length());
        try {
            WrappedDek w = m == WrapMethod.GCM ? wrapGcm(dekId, dek, kekId) : wrapKeyWrap(dekId, dek, kekId);
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, m, AuditEvent.OK));
            return w;
        } catch (CkmsException e) {
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, m, AuditEvent.result(e)));
            throw e;
        }
    }

    /**
     * The method a DEK of {@code size} bytes is wrapped with: the configured one, except that a
     * DEK NIST Key Wrap cannot take (made under {@code wrap=gcm}, rewrapped after a switch to
     * {@code nistkw}) stays with GCM.
     */
    WrapMethod methodFor(int size) {
        return method == WrapMethod.NISTKW && !keyWrapSize(size) ? WrapMethod.GCM : method;
    }

    private static boolean keyWrapSize(int size) {
        return size >= 16 && size % 8 == 0;
    }

    /** {@code blob} parsed; a malformed one is an audited unwrap failure. */
    WrappedDek parse(String dekId, Bytes blob) {
        try {
            return WrappedDek.decode(dekId, blob);
        } catch (IntegrityException e) {
            audit.record(new AuditEvent(AuditEvent.UNWRAP, dekId, null, null, AuditEvent.result(e)));
            throw e;
        }
    }

    /** The DEK in {@code blob}, which was made for {@code dekId}. */
    Bytes unwrap(String dekId, WrappedDek blob) {
        try {
            Bytes dek = blob.method() == WrapMethod.GCM ? unwrapGcm(dekId, blob) : unwrapKeyWrap(dekId, blob);
            if (dek.length() != blob.dekLength()) {
                throw new IntegrityException("unwrap dek " + dekId + ": " + dek.length() + " bytes (expected: " + blob.dekLength() + ")");
            }
            audit.record(new AuditEvent(AuditEvent.UNWRAP, dekId, blob.kekId(), blob.method(), AuditEvent.OK));
            return dek;
        } catch (CkmsException e) {
            audit.record(new AuditEvent(AuditEvent.UNWRAP, dekId, blob.kekId(), blob.method(), AuditEvent.result(e)));
            throw e;
        }
    }

    void checkSize(int size) {
        if (size < 1 || size > MAX_DEK) {
            throw new IllegalArgumentException("dek size: " + size + " (expected: 1 to " + MAX_DEK + ")");
        }
        if (method == WrapMethod.NISTKW && !keyWrapSize(size)) {
            throw new IllegalArgumentException("dek size: " + size + " (expected: a multiple of 8 from 16 for wrap=nistkw,"
                    + " as NIST Key Wrap requires; or wrap=gcm)");
        }
    }

    // GCM: the KMS encrypts the DEK under the KEK with a nonce we choose (96 random bits: safe for
    // 2^32 wraps per KEK) and the binding as additional authenticated data.
    private WrappedDek wrapGcm(String dekId, Bytes dek, String kekId) {
        byte[] iv = new byte[GCM_IV_BYTES];
        random.nextBytes(iv);
        byte[] aad = WrappedDek.binding(dekId, WrapMethod.GCM, kekId, dek.length());
        EncryptResponsePayload r;
        try {
            r = client.sync().encrypt().id(kekId).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM)
                    .tagLength(GCM_TAG_BYTES).iv(Bytes.wrap(iv)).aad(Bytes.wrap(aad)).data(dek).execute();
        } catch (KmipException e) {
            throw KmipFailures.map("wrap dek " + dekId + " with kek " + kekId + " (Encrypt AES-GCM)", e);
        }
        Bytes tag = r.authenticatedEncryptionTag();
        if (r.data() == null || r.data().length() != dek.length() || tag == null || tag.length() != GCM_TAG_BYTES) {
            throw new KekNotUsableException("wrap dek " + dekId + " with kek " + kekId + ": the KMS answered Encrypt with "
                    + (r.data() == null ? "no data" : r.data().length() + " bytes") + " and " + (tag == null ? "no tag" : "a "
                    + tag.length() + "-byte tag") + " (expected: " + dek.length() + " bytes and a " + GCM_TAG_BYTES + "-byte GCM tag)");
        }
        if (r.ivCounterNonce() != null && !r.ivCounterNonce().equals(Bytes.wrap(iv))) {
            throw new KekNotUsableException("wrap dek " + dekId + " with kek " + kekId + ": the KMS used another IV than the one given");
        }
        return new WrappedDek(WrapMethod.GCM, kekId, dek.length(), Bytes.wrap(iv), tag, r.data());
    }

    private Bytes unwrapGcm(String dekId, WrappedDek w) {
        DecryptResponsePayload r;
        try {
            r = client.sync().decrypt().id(w.kekId()).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM)
                    .tagLength(w.tag().length()).iv(w.iv()).aad(Bytes.wrap(w.binding(dekId))).tag(w.tag()).data(w.ciphertext())
                    .execute();
        } catch (KmipException e) {
            throw KmipFailures.mapDecrypt("unwrap dek " + dekId + " with kek " + w.kekId() + " (Decrypt AES-GCM)", e);
        }
        if (r.data() == null) {
            throw new IntegrityException("unwrap dek " + dekId + " with kek " + w.kekId() + ": Decrypt returned no data");
        }
        return r.data();
    }

    // NIST Key Wrap of a DEK the server generates: Create, Get it plain, Get it wrapped under the
    // KEK, Destroy, in one batch through the ID Placeholder. The DEK object lives on the server
    // for that one message.
    private NewDek serverGenerated(String dekId, int size, String kekId) {
        KmipSync kmip = client.sync();
        KmipRequest<CreateResponsePayload> create = kmip.create().aes(size * 8).usage(ENCRYPT | DECRYPT).request();
        KmipRequest<GetResponsePayload> plain = kmip.get().request();
        KmipRequest<GetResponsePayload> wrapped = kmip.get().wrapping(keyWrapSpecification(kekId)).request();
        KmipRequest<DestroyResponsePayload> destroy = KmipRequests.destroy(null);
        String what = "wrap new dek " + dekId + " with kek " + kekId + " (Create, Get wrapped NIST Key Wrap)";
        BatchResult result;
        try {
            result = kmip.batch().add(create).add(plain).add(wrapped).add(destroy)
                    .continuationOption(BatchErrorContinuationOption.CONTINUE).ordered(true).execute();
        } catch (KmipException e) {
            CkmsException f = KmipFailures.map(what, e);
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, method, AuditEvent.result(f)));
            throw f;
        }
        String tempId = null;
        try {
            tempId = result.get(create).uniqueIdentifier().toString();
            Bytes dek = KmipObjectContent.of(result.get(plain));
            GetResponsePayload w = result.get(wrapped);
            if (!KmipObjectContent.wrapped(w.managedObject())) {
                throw new KekNotUsableException(what + ": the KMS returned the key unwrapped");
            }
            Bytes ciphertext = KmipObjectContent.of(w);
            if (dek.length() != size || ciphertext.length() != size + 8) {
                throw new KekNotUsableException(what + ": " + dek.length() + "-byte key, " + ciphertext.length()
                        + "-byte wrapping (expected: " + size + " and " + (size + 8) + ")");
            }
            WrappedDek blob = new WrappedDek(WrapMethod.NISTKW, kekId, size, Bytes.EMPTY,
                    bindingMac(dek, WrappedDek.binding(dekId, WrapMethod.NISTKW, kekId, size)), ciphertext);
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, method, AuditEvent.OK));
            return new NewDek(dek, blob);
        } catch (KmipException e) {
            CkmsException f = KmipFailures.map(what, e);
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, method, AuditEvent.result(f)));
            throw f;
        } catch (CkmsException e) {
            audit.record(new AuditEvent(AuditEvent.WRAP, dekId, kekId, method, AuditEvent.result(e)));
            throw e;
        } finally {
            if (tempId != null && !result.items().get(3).succeeded()) {
                destroyQuietly(tempId);
            }
        }
    }

    // NIST Key Wrap of a DEK we hold (rewrap, or sizes Create cannot make): Register it as Secret
    // Data, Get it wrapped under the KEK, Destroy, in one batch.
    private WrappedDek wrapKeyWrap(String dekId, Bytes dek, String kekId) {
        KmipSync kmip = client.sync();
        KmipRequest<RegisterResponsePayload> register = kmip.register()
                .object(KmipObjects.secretData(SecretDataType.SEED, dek)).request();
        KmipRequest<GetResponsePayload> wrapped = kmip.get().wrapping(keyWrapSpecification(kekId)).request();
        KmipRequest<DestroyResponsePayload> destroy = KmipRequests.destroy(null);
        String what = "wrap dek " + dekId + " with kek " + kekId + " (Register, Get wrapped NIST Key Wrap)";
        BatchResult result;
        try {
            result = kmip.batch().add(register).add(wrapped).add(destroy)
                    .continuationOption(BatchErrorContinuationOption.CONTINUE).ordered(true).execute();
        } catch (KmipException e) {
            throw KmipFailures.map(what, e);
        }
        String tempId = null;
        try {
            tempId = result.get(register).uniqueIdentifier().toString();
            GetResponsePayload w = result.get(wrapped);
            if (!KmipObjectContent.wrapped(w.managedObject())) {
                throw new KekNotUsableException(what + ": the KMS returned the key unwrapped");
            }
            Bytes ciphertext = KmipObjectContent.of(w);
            if (ciphertext.length() != dek.length() + 8) {
                throw new KekNotUsableException(what + ": " + ciphertext.length() + "-byte wrapping (expected: "
                        + (dek.length() + 8) + ")");
            }
            return new WrappedDek(WrapMethod.NISTKW, kekId, dek.length(), Bytes.EMPTY,
                    bindingMac(dek, WrappedDek.binding(dekId, WrapMethod.NISTKW, kekId, dek.length())), ciphertext);
        } catch (KmipException e) {
            throw KmipFailures.map(what, e);
        } finally {
            if (tempId != null && !result.items().get(2).succeeded()) {
                destroyQuietly(tempId);
            }
        }
    }

    private static KeyWrappingSpecification keyWrapSpecification(String kekId) {
        return new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                new EncryptionKeyInformation(UniqueIdentifier.of(kekId), KEY_WRAP), null, List.of(), EncodingOption.NO_ENCODING);
    }

    private Bytes unwrapKeyWrap(String dekId, WrappedDek w) {
        String what = "unwrap dek " + dekId + " with kek " + w.kekId();
        byte[] dek = null;
        if (keyWrapUnwrap.get() != KeyWrapUnwrap.ECB) {
            try {
                DecryptResponsePayload r = client.sync().decrypt().id(w.kekId()).algorithm(CryptographicAlgorithm.AES)
                        .mode(BlockCipherMode.NIST_KEY_WRAP).data(w.ciphertext()).execute();
                if (r.data() == null) {
                    throw new IntegrityException(what + ": Decrypt returned no data");
                }
                keyWrapUnwrap.set(KeyWrapUnwrap.DECRYPT);
                dek = r.data().toByteArray();
            } catch (KmipException e) {
                // Once Decrypt has worked here, a refusal is about this blob; until then it may be the mode
                // (several threads can be asking at once, so ECB may have been chosen meanwhile).
                if (keyWrapUnwrap.get() != KeyWrapUnwrap.DECRYPT && !KmipFailures.isConnection(e) && KmipFailures.lacksSupport(e)) {
                    if (keyWrapUnwrap.compareAndSet(KeyWrapUnwrap.UNKNOWN, KeyWrapUnwrap.ECB)) {
                        LOG.info("the KMS refused Decrypt in NIST Key Wrap mode ({}): unwrapping through AES-ECB block by block",
                                e.resultReason());
                    }
                } else {
                    throw KmipFailures.mapDecrypt(what + " (Decrypt NIST Key Wrap)", e);
                }
            }
        }
        if (dek == null) {
            dek = Rfc3394.unwrap(w.ciphertext().toByteArray(), block -> ecbDecrypt(w.kekId(), block, what));
            if (dek == null) {
                throw new IntegrityException(what + ": the NIST Key Wrap integrity check failed");
            }
        }
        try {
            Bytes plain = Bytes.of(dek);
            byte[] expected = bindingMac(plain, w.binding(dekId)).toByteArray();
            if (!MessageDigest.isEqual(expected, w.tag().toByteArray())) {
                throw new IntegrityException(what + ": the blob was made for another DEK id or its header was changed");
            }
            return plain;
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    private byte[] ecbDecrypt(String kekId, byte[] block, String what) {
        byte[] pad = paddingBlocks.computeIfAbsent(kekId, id -> paddingBlock(id, what));
        byte[] data = new byte[32];
        System.arraycopy(block, 0, data, 0, 16);
        System.arraycopy(pad, 0, data, 16, 16);
        try {
            DecryptResponsePayload r = client.sync().decrypt().id(kekId).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.ECB)
                    .padding(PaddingMethod.PKCS5).data(Bytes.wrap(data)).execute();
            if (r.data() == null || r.data().length() != 16) {
                throw new KekNotUsableException(what + ": AES-ECB Decrypt of two blocks returned "
                        + (r.data() == null ? "nothing" : r.data().length() + " bytes") + " (expected: 16 after unpadding)");
            }
            return r.data().toByteArray();
        } catch (KmipException e) {
            throw KmipFailures.map(what + " (Decrypt AES-ECB)", e);
        }
    }

    private byte[] paddingBlock(String kekId, String what) {
        try {
            EncryptResponsePayload r = client.sync().encrypt().id(kekId).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.ECB)
                    .padding(PaddingMethod.PKCS5).data(Bytes.wrap(new byte[16])).execute();
            if (r.data() == null || r.data().length() != 32) {
                throw new KekNotUsableException(what + ": AES-ECB Encrypt of one block with PKCS#5 padding returned "
                        + (r.data() == null ? "nothing" : r.data().length() + " bytes") + " (expected: 32)");
            }
            return Arrays.copyOfRange(r.data().toByteArray(), 16, 32);
        } catch (KmipException e) {
            throw KmipFailures.map(what + " (Encrypt AES-ECB)", e);
        }
    }

    /**
     * The MAC that binds a key-wrap blob to its DEK id: HMAC-SHA256 under a key derived from the
     * DEK (HKDF, so the MAC key is never the DEK itself). Only someone holding the DEK can make
     * it, and a blob copied to another id fails it.
     */
    static Bytes bindingMac(Bytes dek, byte[] binding) {
        byte[] ikm = dek.toByteArray();
        byte[] key = Hkdf.derive(ikm, new byte[0], BINDING_KEY_INFO, Hkdf.HASH_LENGTH);
        try {
            Mac mac = Hkdf.hmac(key);
            return Bytes.wrap(mac.doFinal(binding));
        } finally {
            Arrays.fill(ikm, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    // ---- lifecycle

    /**
     * Replaces the KEK: Re-key where the server has it (the new key takes the Name, KMIP 1.4
     * section 4.4), else a new key created under a staging Name, activated, and given the Name in
     * one batch that first takes it from the old key. The old key stays Active, so blobs under it
     * keep opening until they are rewrapped and it is retired.
     */
    KekRotation rotate() {
        forget();
        String old = find(false);
        KekRotation r;
        if (rotation == KekRotation.Method.CREATE_AND_MOVE) {
            r = createAndMove(old);
        } else {
            r = reKey(old);
            if (r == null) {
                r = createAndMove(old);
            }
        }
        current = new Cached(r.newKekId(), System.nanoTime());
        LOG.info("kek \"{}\" rotated from {} to {} by {}", name, r.previousKekId(), r.newKekId(), r.method());
        return r;
    }

    private KekRotation reKey(String old) {
        KmipSync kmip = client.sync();
        String id;
        try {
            id = kmip.reKey().id(old).execute().uniqueIdentifier().toString();
        } catch (KmipException e) {
            if (rotation == null && !KmipFailures.isConnection(e) && lacksReKey(e)) {
                LOG.info("kek \"{}\": the KMS has no Re-key ({}); creating a new key and moving the Name", name, e.resultReason());
                return null;
            }
            throw KmipFailures.map("rotate kek \"" + name + "\" (Re-key " + old + ")", e);
        }
        try {
            if (state(id) == State.PRE_ACTIVE) {
                kmip.activate(id);
            }
            // Re-key moves the Names; a server that copied them instead leaves the old key named too.
            List<String> active = locate(State.ACTIVE);
            if (active.contains(old) && active.contains(id)) {
                kmip.modifyAttribute(old, KmipAttributes.name(name), KmipAttributes.name(name + ".retired-" + old));
            }
        } catch (KmipException e) {
            throw KmipFailures.map("rotate kek \"" + name + "\" (after Re-key " + old + " to " + id + ")", e);
        }
        return new KekRotation(old, id, KekRotation.Method.REKEY);
    }

    private static boolean lacksReKey(KmipException e) {
        ResultReason r = e.resultReason();
        return ResultReason.OPERATION_NOT_SUPPORTED.equals(r) || ResultReason.FEATURE_NOT_SUPPORTED.equals(r)
                || ResultReason.INVALID_MESSAGE.equals(r);
    }

    private KekRotation createAndMove(String old) {
        KmipSync kmip = client.sync();
        String staging = name + ".next-" + HexFormat.of().formatHex(randomBytes(4));
        String id;
        try {
            id = createKey(staging);
        } catch (KmipException e) {
            throw KmipFailures.map("rotate kek \"" + name + "\" (create the new key)", e);
        }
        activateIfNeeded(id);
        // Rename the old key first, then the new one: a server that keeps Names unique refuses the
        // other order. In between no key bears the Name; finders look again after a pause (see
        // find). Modify, not Delete: PyKMIP 0.10 cannot parse a 2.x Delete Attribute by reference
        // and fails on one by value. The old key's new Name says what it was.
        KmipRequest<ModifyAttributeResponsePayload> take = KmipRequests.modifyAttribute(old, KmipAttributes.name(name),
                KmipAttributes.name(name + ".retired-" + old));
        KmipRequest<ModifyAttributeResponsePayload> give = KmipRequests.modifyAttribute(id, KmipAttributes.name(staging),
                KmipAttributes.name(name));
        BatchResult result;
        try {
            result = kmip.batch().add(take).add(give).ordered(true).execute();
        } catch (KmipException e) {
            throw KmipFailures.map("rotate kek \"" + name + "\" (move the Name from " + old + " to " + id + ")", e);
        }
        if (!result.item(0).succeeded()) {
            // The old key no longer had the Name: another rotation won. Undo ours.
            retire(id, true);
            throw KmipFailures.map("rotate kek \"" + name + "\" (take the Name from " + old + "; another rotation may have"
                    + " moved it)", result.item(0).failure());
        }
        if (!result.item(1).succeeded()) {
            try {
                kmip.modifyAttribute(id, KmipAttributes.name(staging), KmipAttributes.name(name));
            } catch (KmipException e) {
                throw new CkmsException("rotate kek \"" + name + "\": stopped half-way: " + old + " lost the Name but " + id
                        + " is still named \"" + staging + "\" (" + e.resultReason() + ": " + e.getMessage()
                        + "); give it the Name with Modify Attribute", e);
            }
        }
        return new KekRotation(old, id, KekRotation.Method.CREATE_AND_MOVE);
    }

    /** The state of the key {@code kekId}. */
    State state(String kekId) {
        try {
            var attrs = KmipAttributes.of(client.sync().getAttributes(kekId, "State"));
            KmipAttribute a = KmipAttributes.find(attrs, "State")
                    .orElseThrow(() -> new CkmsException("kek " + kekId + ": the KMS returned no State"));
            return State.valueOf(a.value().intValue());
        } catch (KmipException e) {
            throw KmipFailures.map("get the state of kek " + kekId, e);
        }
    }

    /** Revokes (Cessation of Operation) and, when {@code destroy}, destroys the key {@code kekId}. */
    void retire(String kekId, boolean destroy) {
        KmipSync kmip = client.sync();
        try {
            State s = state(kekId);
            if (s == State.ACTIVE) {
                kmip.revoke().id(kekId).reason(RevocationReasonCode.CESSATION_OF_OPERATION)
                        .message("kmipstack ckms: replaced KEK, no blob uses it").execute();
            }
            if (destroy) {
                kmip.destroy(kekId);
            }
        } catch (KmipException e) {
            throw KmipFailures.map((destroy ? "destroy" : "revoke") + " kek " + kekId, e);
        }
        paddingBlocks.remove(kekId);
        LOG.info("kek {} {}", kekId, destroy ? "destroyed" : "revoked");
    }

    private void destroyQuietly(String id) {
        try {
            client.sync().destroy(id);
        } catch (KmipException e) {
            LOG.warn("could not destroy the temporary key object {} ({}): destroy it by hand", id, e.resultReason());
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void pause() {
        try {
            Thread.sleep(LOOKUP_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmsUnavailableException("interrupted while looking up the KEK", e);
        }
    }
}
