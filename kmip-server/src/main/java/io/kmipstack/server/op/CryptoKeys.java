package io.kmipstack.server.op;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KmipObject;

/**
 * The plaintext key block of a key a cryptographic operation uses. A key registered wrapped
 * (KMIP 1.4 section 4.3 stores it as given) is unwrapped for the operation with the key its Key
 * Wrapping Data names, under that key's own usage rules (Unwrap Key); nothing unwrapped is stored.
 */
final class CryptoKeys {

    private CryptoKeys() {
    }

    static KeyBlock plainBlock(RequestContext ctx, KmipObject key) {
        ManagedObject content = key.content();
        KeyBlock block = content == null ? null : Digests.keyBlock(content);
        if (block == null) {
            throw Failures.fail(ResultReason.KEY_VALUE_NOT_PRESENT, "object " + key.uniqueIdentifier() + ": no key value");
        }
        if (block.keyWrappingData() == null) {
            return block;
        }
        return Digests.keyBlock(DefaultKeyWrapping.INSTANCE.unwrap(ctx, content));
    }
}
