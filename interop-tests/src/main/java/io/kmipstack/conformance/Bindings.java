package io.kmipstack.conformance;

import io.kmipstack.codec.ttlv.Ttlv;
import java.util.HashMap;
import java.util.Map;

/**
 * What one file's run has learned from the server: the value bound to each named placeholder,
 * the latest value the server returned under each tag, and where each object's content came from.
 * Not thread-safe; one per file.
 *
 * <p>Named values are bound while a response is compared ({@link ResponseComparator}); a trial
 * comparison (one candidate of an unordered list) works on a {@link #copy()} and is kept with
 * {@link #adopt(Bindings)} only when it matched.
 */
final class Bindings {

    /** Where the content (key material, data) of an object came from. */
    enum Origin {
        /** The client sent it (Register, Import): results computed from it are determined by the request. */
        CLIENT,
        /** The server generated it (Create, Create Key Pair, Re-key, Derive Key, Certify, ...). */
        SERVER
    }

    /** What the run knows of one object the server holds. {@code objectType} may be {@code null}. */
    record ObjectInfo(Origin origin, io.kmipstack.codec.registry.ObjectType objectType) {
    }

    private Map<String, Ttlv> named = new HashMap<>();
    private final Map<Integer, Ttlv> latestByTag;
    private final Map<String, ObjectInfo> objects;

    Bindings() {
        this.latestByTag = new HashMap<>();
        this.objects = new HashMap<>();
    }

    private Bindings(Bindings from) {
        this.named = new HashMap<>(from.named);
        this.latestByTag = from.latestByTag;
        this.objects = from.objects;
    }

    /** A copy whose named values can change without touching this one. */
    Bindings copy() {
        return new Bindings(this);
    }

    /** Takes over the named values of {@code trial}, a {@link #copy()} of this. */
    void adopt(Bindings trial) {
        this.named = trial.named;
    }

    Ttlv named(String placeholder) {
        return named.get(placeholder);
    }

    void bind(String placeholder, Ttlv value) {
        named.put(placeholder, value);
    }

    /** The placeholder of the Unique Identifier family bound to {@code text}, or {@code null}. */
    String identifierNamed(String text) {
        for (Map.Entry<String, Ttlv> e : named.entrySet()) {
            if (e.getKey().startsWith(Placeholder.UNIQUE_IDENTIFIER) && e.getValue().type() == io.kmipstack.codec.ttlv.ItemType.TEXT_STRING
                    && e.getValue().textValue().equals(text)) {
                return e.getKey();
            }
        }
        return null;
    }

    Ttlv latest(int tag) {
        return latestByTag.get(tag);
    }

    void observe(Ttlv item) {
        latestByTag.put(item.tag(), item);
    }

    ObjectInfo object(String uid) {
        return uid == null ? null : objects.get(uid);
    }

    void object(String uid, ObjectInfo info) {
        objects.put(uid, info);
    }
}
