package io.kmipstack.server.object;

import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.store.StoredObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A managed object being worked on by one request: the stored object's identity and revision, a
 * mutable {@link AttributeSet}, and the content decoded on first use. {@link #toStored()} gives
 * the object to write back; the revision stays the one read, so the store's optimistic check
 * catches a concurrent writer.
 */
public final class KmipObject {

    private final String uniqueIdentifier;
    private final ObjectType objectType;
    private final String owner;
    private final long revision;
    private final AttributeSet attributes;
    private Bytes content;
    private ManagedObject decoded;

    private KmipObject(String uniqueIdentifier, ObjectType objectType, String owner, long revision,
            AttributeSet attributes, Bytes content) {
        this.uniqueIdentifier = Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
        this.objectType = Objects.requireNonNull(objectType, "objectType");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.revision = revision;
        this.attributes = attributes;
        this.content = content;
    }

    /** The object as stored, with the date-driven lifecycle transitions applied as of {@code now}. */
    public static KmipObject of(StoredObject stored, Instant now) {
        KmipObject o = new KmipObject(stored.uniqueIdentifier(), stored.objectType(), stored.owner(), stored.revision(),
                AttributeSet.of(stored.attributes()), stored.content());
        Lifecycle.advance(o.attributes, now);
        return o;
    }

    /** A new object (revision 0 until inserted). */
    public static KmipObject create(String uniqueIdentifier, ObjectType objectType, String owner,
            AttributeSet attributes, ManagedObject content) {
        KmipObject o = new KmipObject(uniqueIdentifier, objectType, owner, 0, attributes,
                content == null ? null : ObjectContent.encode(content));
        o.decoded = content;
        return o;
    }

    public String uniqueIdentifier() {
        return uniqueIdentifier;
    }

    public ObjectType objectType() {
        return objectType;
    }

    public String owner() {
        return owner;
    }

    public long revision() {
        return revision;
    }

    public AttributeSet attributes() {
        return attributes;
    }

    public State state() {
        return attributes.state();
    }

    /** True while the content exists (not destroyed). */
    public boolean hasContent() {
        return content != null;
    }

    /** The content, or null once destroyed. */
    public ManagedObject content() {
        if (decoded == null && content != null) {
            decoded = ObjectContent.decode(content);
        }
        return decoded;
    }

    /** Replaces the content; null destroys it. */
    public void content(ManagedObject newContent) {
        decoded = newContent;
        content = newContent == null ? null : ObjectContent.encode(newContent);
    }

    public StoredObject toStored() {
        return new StoredObject(uniqueIdentifier, objectType, owner, revision, attributes.list(), content);
    }

    @Override
    public String toString() {
        return "KmipObject[" + uniqueIdentifier + ", " + objectType + ", " + state() + "]";
    }
}
