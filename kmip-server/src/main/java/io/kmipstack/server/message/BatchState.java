package io.kmipstack.server.message;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.UniqueIdentifier;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch remembers between its items: the ID Placeholder (KMIP 1.4 section 4, 2.1 section
 * 6.1: set by the operation that produced an object, used by a later item that omits its Unique
 * Identifier), and for 2.x the identifiers a Unique Identifier Enumeration or Integer can name
 * (2.1 section 4.58: the last Create, Register, Create Key Pair's private or public key, ...; or
 * the n-th identifier of the response so far). A failed item's changes are taken back with
 * {@link #snapshot()} and {@link #restore(Snapshot)}, like its store transaction.
 *
 * <p>Confined to the thread that runs the batch.
 */
final class BatchState {

    // The operations whose one produced identifier a Unique Identifier Enumeration can name (2.1
    // Unique Identifier Enumeration); the key pair operations are handled in succeeded().
    private static final Map<Operation, UniqueIdentifier> PRODUCERS = Map.ofEntries(
            Map.entry(Operation.CERTIFY, UniqueIdentifier.CERTIFY),
            Map.entry(Operation.CREATE, UniqueIdentifier.CREATE),
            Map.entry(Operation.CREATE_SPLIT_KEY, UniqueIdentifier.CREATE_SPLIT_KEY),
            Map.entry(Operation.DERIVE_KEY, UniqueIdentifier.DERIVE_KEY),
            Map.entry(Operation.IMPORT, UniqueIdentifier.IMPORT),
            Map.entry(Operation.JOIN_SPLIT_KEY, UniqueIdentifier.JOIN_SPLIT_KEY),
            Map.entry(Operation.LOCATE, UniqueIdentifier.LOCATE),
            Map.entry(Operation.REGISTER, UniqueIdentifier.REGISTER),
            Map.entry(Operation.RE_KEY, UniqueIdentifier.RE_KEY),
            Map.entry(Operation.RE_CERTIFY, UniqueIdentifier.RE_CERTIFY));

    private String placeholder;
    private List<String> produced = new ArrayList<>();
    private Map<UniqueIdentifier, String> byOperation = new HashMap<>();

    String placeholder() {
        return placeholder;
    }

    /** {@code null} empties it (Check, when the object may not be used, 2.1 section 6.1.4). */
    void placeholder(String id) {
        placeholder = id;
    }

    /** The identifier a 2.x Unique Identifier Enumeration stands for, or {@code null}. */
    String resolve(UniqueIdentifier which) {
        return which.equals(UniqueIdentifier.ID_PLACEHOLDER) ? placeholder : byOperation.get(which);
    }

    /**
     * The identifier a 2.x Unique Identifier Integer stands for, or {@code null}: the n-th (from
     * zero) identifier of the response, or for a negative n counting back from the current item.
     */
    String index(int n) {
        int i = n >= 0 ? n : produced.size() + n;
        return i >= 0 && i < produced.size() ? produced.get(i) : null;
    }

    /** Records the identifiers a successful item returned ({@code payload} is its encoded Response Payload). */
    void succeeded(Operation operation, Ttlv payload) {
        String first = null;
        String privateKey = null;
        String publicKey = null;
        if (payload != null && payload.isStructure()) {
            for (Ttlv c : payload.children()) {
                if (c.type() != ItemType.TEXT_STRING) {
                    continue;
                }
                if (c.tag() == Tag.UNIQUE_IDENTIFIER) {
                    produced.add(c.textValue());
                    if (first == null) {
                        first = c.textValue();
                    }
                } else if (c.tag() == Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER) {
                    produced.add(c.textValue());
                    privateKey = c.textValue();
                } else if (c.tag() == Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER) {
                    produced.add(c.textValue());
                    publicKey = c.textValue();
                }
            }
        }
        if (first == null) {
            first = placeholder;
        }
        if (operation.equals(Operation.CREATE_KEY_PAIR)) {
            remember(UniqueIdentifier.CREATE_KEY_PAIR, privateKey != null ? privateKey : placeholder);
            remember(UniqueIdentifier.CREATE_KEY_PAIR_PRIVATE_KEY, privateKey);
            remember(UniqueIdentifier.CREATE_KEY_PAIR_PUBLIC_KEY, publicKey);
        } else if (operation.equals(Operation.RE_KEY_KEY_PAIR)) {
            remember(UniqueIdentifier.RE_KEY_KEY_PAIR, privateKey != null ? privateKey : placeholder);
            remember(UniqueIdentifier.RE_KEY_KEY_PAIR_PRIVATE_KEY, privateKey);
            remember(UniqueIdentifier.RE_KEY_KEY_PAIR_PUBLIC_KEY, publicKey);
        } else {
            UniqueIdentifier which = PRODUCERS.get(operation);
            if (which != null) {
                remember(which, first);
            }
        }
    }

    private void remember(UniqueIdentifier which, String id) {
        if (id != null) {
            byOperation.put(which, id);
        }
    }

    Snapshot snapshot() {
        return new Snapshot(placeholder, new ArrayList<>(produced), new HashMap<>(byOperation));
    }

    void restore(Snapshot s) {
        placeholder = s.placeholder;
        produced = s.produced;
        byOperation = s.byOperation;
    }

    /** A copy of the state, to go back to when an item fails. */
    record Snapshot(String placeholder, List<String> produced, Map<UniqueIdentifier, String> byOperation) {
    }
}
