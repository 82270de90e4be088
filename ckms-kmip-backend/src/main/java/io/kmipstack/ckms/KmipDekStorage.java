package io.kmipstack.ckms;

import io.kmipstack.client.BatchCall;
import io.kmipstack.client.BatchResult;
import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipRequest;
import io.kmipstack.client.KmipSync;
import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.ApplicationSpecificInformation;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.OpaqueDataType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code storage://kmip}: each blob is an object on the KMIP server, Secret Data (default) or an
 * Opaque Object, so the KMS needs no other store. KMIP objects cannot be rewritten, so every write
 * is a new object, a <em>generation</em>:
 *
 * <ul>
 *   <li>Name {@code <prefix><id>#<generation>} (generation 0 for the first blob), Object Group
 *       {@code <prefix><id>} (all generations of one id, which {@link #get} locates), and
 *       Application Specific Information {@code kmipstack-ckms} / {@code <prefix>} (the index
 *       {@link #list} locates; a second Object Group would do, but PyKMIP 0.10 refuses two
 *       instances of an attribute in a 2.x Register). The content is {@code "CKS1"}, the
 *       generation (u32) and the blob, so a Get alone says which generation it is. {@code <id>}
 *       is the DEK id in ASCII ({@link DekIds#encode}: PyKMIP 0.10 cannot parse non-ASCII text).</li>
 *   <li>The current blob is the live generation with the highest number. A write registers
 *       generation n + 1 ({@link #replace}, version {@code n:<uid>}) or 0 ({@link #putIfAbsent}),
 *       then checks that it is the current one and that the one it replaced is still there; if so
 *       it destroys the older generations, otherwise its own object. No generation is destroyed
 *       before its successor exists, so readers never see an id vanish during a replace.</li>
 *   <li>Where the server keeps Names unique (ours does), registering a taken generation fails, which
 *       makes both writes true compare-and-swaps. Where it does not (PyKMIP 0.10, which at least
 *       runs one request at a time), two writers of the same generation both succeed; every
 *       reader and writer then takes the lowest identifier (in creation order for PyKMIP's counters)
 *       as the winner, and the loser destroys its object.</li>
 * </ul>
 *
 * <p>{@link #list} locates the whole index and reads every Name: one Locate and a Get Attributes
 * per object (batched), fine for thousands of DEKs, not for millions.
 */
final class KmipDekStorage implements DekStorage {

    /** What the blobs are stored as; {@code type=secret-data|opaque} in the URI. */
    enum Kind {
        SECRET_DATA("secret-data", ObjectType.SECRET_DATA),
        OPAQUE("opaque", ObjectType.OPAQUE_OBJECT);

        final String uriName;
        final ObjectType objectType;

        Kind(String uriName, ObjectType objectType) {
            this.uriName = uriName;
            this.objectType = objectType;
        }

        static Kind fromUriName(String name) {
            for (Kind k : values()) {
                if (k.uriName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("storage://kmip type: " + name + " (expected: secret-data or opaque)");
        }
    }

    static final String DEFAULT_PREFIX = "ckms-dek/";
    static final String NAMESPACE = "kmipstack-ckms";
    private static final byte[] MAGIC = {'C', 'K', 'S', '1'};
    // No Opaque Data Type is defined by the spec; PyKMIP and others use the first extension value.
    private static final OpaqueDataType OPAQUE_TYPE = OpaqueDataType.valueOf(0x80000000);
    private static final int LOCATE_PAGE = 1000;
    private static final int NAME_BATCH = 50;
    private static final int ATTEMPTS = 3;
    private static final Set<ResultReason> GONE = Set.of(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND,
            ResultReason.OBJECT_DESTROYED, ResultReason.WRONG_KEY_LIFECYCLE_STATE);

    private record Entry(String uid, long generation, Bytes blob) {
    }

    private final KmipClient client;
    private final String prefix;
    private final Kind kind;
    private final boolean closeClient;

    KmipDekStorage(KmipClient client, String prefix, Kind kind, boolean closeClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.indexOf('#') >= 0 || !prefix.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("storage://kmip prefix: \"" + prefix + "\" (expected: printable ASCII without '#' or spaces)");
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.closeClient = closeClient;
    }

    @Override
    public Optional<StoredDek> get(String dekId) {
        DekIds.check(dekId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<String> uids = locate(prefix + DekIds.encode(dekId));
            if (uids.isEmpty()) {
                return Optional.empty();
            }
            Optional<Entry> current = current(dekId, uids);
            if (current.isPresent()) {
                Entry e = current.get();
                return Optional.of(new StoredDek(dekId, e.blob(), e.generation() + ":" + e.uid()));
            }
            // Every object located was destroyed before we read it: a replace finished meanwhile.
        }
        throw new DekStorageException("storage://kmip: dek " + dekId + ": its objects kept vanishing while read", null, true);
    }

    @Override
    public boolean putIfAbsent(String dekId, Bytes blob) {
        DekIds.check(dekId);
        Objects.requireNonNull(blob, "blob");
        if (!locate(prefix + DekIds.encode(dekId)).isEmpty()) {
            return false;
        }
        String uid = register(dekId, 0, blob);
        if (uid == null) {
            return false;
        }
        Optional<Entry> winner = current(dekId, locate(prefix + DekIds.encode(dekId)));
        if (winner.isPresent() && winner.get().uid().equals(uid)) {
            return true;
        }
        destroyQuietly(uid);
        return false;
    }

    @Override
    public boolean replace(String dekId, String expectedVersion, Bytes blob) {
        DekIds.check(dekId);
        Objects.requireNonNull(blob, "blob");
        int colon = expectedVersion.indexOf(':');
        long generation;
        try {
            generation = Long.parseLong(expectedVersion.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("storage://kmip version: " + expectedVersion + " (expected: <generation>:<uid> from get)");
        }
        String expectedUid = expectedVersion.substring(colon + 1);
        String uid = register(dekId, generation + 1, blob);
        if (uid == null) {
            return false;
        }
        List<Entry> live = entries(locate(prefix + DekIds.encode(dekId)));
        Optional<Entry> winner = live.stream().min(CURRENT_FIRST);
        boolean expectedLive = live.stream().anyMatch(e -> e.uid().equals(expectedUid));
        if (expectedLive && winner.isPresent() && winner.get().uid().equals(uid)) {
            for (Entry e : live) {
                if (!e.uid().equals(uid)) {
                    destroyQuietly(e.uid());
                }
            }
            return true;
        }
        destroyQuietly(uid);
        return false;
    }

    @Override
    public List<String> list(String startAfter, int limit) {
        DekIds.checkLimit(limit);
        TreeSet<String> ids = new TreeSet<>(DekIds.ORDER);
        List<String> uids = locate(index());
        for (int i = 0; i < uids.size(); i += NAME_BATCH) {
            List<String> chunk = uids.subList(i, Math.min(uids.size(), i + NAME_BATCH));
            KmipSync kmip = client.sync();
            BatchCall<BatchResult> batch = kmip.batch();
            List<KmipRequest<GetAttributesResponsePayload>> requests = new ArrayList<>();
            for (String uid : chunk) {
                KmipRequest<GetAttributesResponsePayload> r = kmip.getAttributes().id(uid).names("Name").request();
                requests.add(r);
                batch.add(r);
            }
            BatchResult result;
            try {
                result = batch.execute();
            } catch (KmipException e) {
                throw failure("list (Get Attributes)", e);
            }
            for (KmipRequest<GetAttributesResponsePayload> r : requests) {
                GetAttributesResponsePayload p;
                try {
                    p = result.get(r);
                } catch (KmipException e) {
                    if (GONE.contains(e.resultReason())) {
                        continue; // destroyed since the Locate
                    }
                    throw failure("list (Get Attributes)", e);
                }
                for (KmipAttribute a : KmipAttributes.of(p)) {
                    String id = dekIdOf(a);
                    if (id != null && (startAfter == null || DekIds.ORDER.compare(id, startAfter) > 0)) {
                        ids.add(id);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(Math.min(limit, ids.size()));
        for (String id : ids) {
            if (out.size() == limit) {
                break;
            }
            out.add(id);
        }
        return out;
    }

    @Override
    public boolean delete(String dekId) {
        DekIds.check(dekId);
        List<String> uids = locate(prefix + DekIds.encode(dekId));
        for (String uid : uids) {
            try {
                client.sync().destroy(uid);
            } catch (KmipException e) {
                if (!GONE.contains(e.resultReason())) {
                    throw failure("delete dek " + dekId + " (Destroy " + uid + ")", e);
                }
            }
        }
        return !uids.isEmpty();
    }

    @Override
    public void close() {
        if (closeClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "storage://kmip?type=" + kind.uriName + "&prefix=" + prefix;
    }

    // ---- internals

    /** Highest generation first; among equals, the lowest identifier (creation order where ids are counters). */
    private static final Comparator<Entry> CURRENT_FIRST = Comparator.comparingLong(Entry::generation).reversed()
            .thenComparing(Entry::uid, KmipKek::compareIds);

    private Optional<Entry> current(String dekId, List<String> uids) {
        return entries(uids).stream().min(CURRENT_FIRST);
    }

    private List<Entry> entries(List<String> uids) {
        List<Entry> out = new ArrayList<>(uids.size());
        for (String uid : uids) {
            fetch(uid).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Entry> fetch(String uid) {
        GetResponsePayload r;
        try {
            r = client.sync().get(uid);
        } catch (KmipException e) {
            if (GONE.contains(e.resultReason()) && !KmipFailures.isConnection(e)) {
                return Optional.empty();
            }
            throw failure("get blob object " + uid, e);
        }
        Bytes content = KmipObjectContent.of(r.managedObject());
        ByteBuffer in = ByteBuffer.wrap(content.toByteArray());
        byte[] magic = new byte[MAGIC.length];
        if (in.remaining() < MAGIC.length + 4) {
            throw new IntegrityException("storage://kmip: object " + uid + " is not a kmipstack blob object (" + content.length() + " bytes)");
        }
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IntegrityException("storage://kmip: object " + uid + " is not a kmipstack blob object (bad magic)");
        }
        long generation = in.getInt() & 0xFFFFFFFFL;
        byte[] blob = new byte[in.remaining()];
        in.get(blob);
        return Optional.of(new Entry(uid, generation, Bytes.wrap(blob)));
    }

    /** Registers generation {@code generation} of {@code dekId}; null when the Name is taken already. */
    private String register(String dekId, long generation, Bytes blob) {
        ByteBuffer content = ByteBuffer.allocate(MAGIC.length + 4 + blob.length());
        content.put(MAGIC).putInt((int) generation).put(blob.toByteArray());
        Bytes value = Bytes.wrap(content.array());
        ManagedObject object = kind == Kind.SECRET_DATA
                ? KmipObjects.secretData(SecretDataType.SEED, value)
                : KmipObjects.opaque(OPAQUE_TYPE, value);
        String name = prefix + DekIds.encode(dekId) + "#" + generation;
        try {
            return client.sync().register().object(object).name(name)
                    .attribute(index())
                    .attribute(KmipAttributes.objectGroup(prefix + DekIds.encode(dekId)))
                    .execute().uniqueIdentifier().toString();
        } catch (KmipException e) {
            if (!KmipFailures.isConnection(e) && (ResultReason.NON_UNIQUE_NAME_ATTRIBUTE.equals(e.resultReason())
                    || nameTaken(name))) {
                return null;
            }
            throw failure("store dek " + dekId + " (Register " + name + ")", e);
        }
    }

    private boolean nameTaken(String name) {
        try {
            return !client.sync().locate().name(name).execute().uniqueIdentifiers().isEmpty();
        } catch (KmipException e) {
            return false;
        }
    }

    private KmipAttribute index() {
        return KmipAttribute.of(new ApplicationSpecificInformation(NAMESPACE, prefix)
                .encode(Tag.APPLICATION_SPECIFIC_INFORMATION, KmipVersion.V2_1));
    }

    private List<String> locate(String group) {
        return locate(KmipAttributes.objectGroup(group));
    }

    private List<String> locate(KmipAttribute filter) {
        List<String> out = new ArrayList<>();
        String firstOfLastPage = null;
        while (true) {
            List<UniqueIdentifier> page;
            try {
                var call = client.sync().locate().objectType(kind.objectType)
                        .attribute(filter).maximumItems(LOCATE_PAGE);
                if (!out.isEmpty()) {
                    call.offsetItems(out.size());
                }
                page = call.execute().uniqueIdentifiers();
            } catch (KmipException e) {
                throw failure("locate by " + filter.name(), e);
            }
            if (page.isEmpty() || page.get(0).toString().equals(firstOfLastPage)) {
                break; // the end, or a server that ignores Offset Items
            }
            firstOfLastPage = page.get(0).toString();
            page.forEach(u -> out.add(u.toString()));
            if (page.size() < LOCATE_PAGE) {
                break;
            }
        }
        return out;
    }

    private String dekIdOf(KmipAttribute a) {
        if (!"Name".equals(a.name())) {
            return null;
        }
        String n = a.as(Name::decode).nameValue();
        int hash = n.lastIndexOf('#');
        if (!n.startsWith(prefix) || hash <= prefix.length()) {
            return null;
        }
        return DekIds.decode(n.substring(prefix.length(), hash));
    }

    private void destroyQuietly(String uid) {
        try {
            client.sync().destroy(uid);
        } catch (KmipException e) {
            // Already destroyed by a concurrent writer, or left for the next replace to clear.
        }
    }

    private static CkmsException failure(String what, KmipException e) {
        CkmsException mapped = KmipFailures.map("storage://kmip: " + what, e);
        if (mapped instanceof KmsUnavailableException) {
            return new DekStorageException(mapped.getMessage(), e, true);
        }
        return mapped;
    }
}
