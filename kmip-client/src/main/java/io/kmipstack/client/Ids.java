package io.kmipstack.client;

import io.kmipstack.codec.model.UniqueIdentifier;

/** Unique Identifier values for request payloads; a null id is left out (the server's ID Placeholder). */
final class Ids {

    private Ids() {
    }

    static UniqueIdentifier of(String id) {
        return id == null ? null : UniqueIdentifier.of(id);
    }
}
