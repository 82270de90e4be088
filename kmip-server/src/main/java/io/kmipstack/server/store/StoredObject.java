package io.kmipstack.server.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * A managed object as the store keeps it: identity and ownership, the attributes in their
 * version-neutral form (2.x attribute items, see {@link KmipAttribute}), and the object's content
 * (the TTLV encoding of its {@code ManagedObject} structure: key block, certificate bytes, ...).
 * {@code content} is null once the object is destroyed: its metadata outlives its material.
 *
 * <p>{@code revision} is the store's optimistic-concurrency counter: every successful update
 * increments it, and an update names the revision it read. Content is plaintext here; the store
 * encrypts it at rest and never writes it in clear.
 */
public record StoredObject(
        String uniqueIdentifier,
        ObjectType objectType,
        String owner,
        long revision,
        List<KmipAttribute> attributes,
        Bytes content) {

    public StoredObject {
        Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(owner, "owner");
        attributes = List.copyOf(attributes);
    }

    /** The same object with other attributes (revision unchanged: the store bumps it on update). */
    public StoredObject withAttributes(List<KmipAttribute> newAttributes) {
        return new StoredObject(uniqueIdentifier, objectType, owner, revision, newAttributes, content);
    }

    /** The same object with other content, or none ({@code null}) once destroyed. */
    public StoredObject withContent(Bytes newContent) {
        return new StoredObject(uniqueIdentifier, objectType, owner, revision, attributes, newContent);
    }

    @Override
    public String toString() {
        // Content is key material: never printed.
        return "StoredObject[" + uniqueIdentifier + ", " + objectType + ", owner=" + owner + ", revision=" + revision
                + ", attributes=" + attributes.size() + ", content=" + (content == null ? "none" : "redacted") + "]";
    }
}
