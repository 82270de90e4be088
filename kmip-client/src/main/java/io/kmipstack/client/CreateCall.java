package io.kmipstack.client;

import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Create (KMIP 1.4 section 4.1, 2.1 section 6.1.8): the server generates a symmetric key (or
 * secret data) with the given attributes, e.g. {@code create().aes(256).name("k1").usage(ENCRYPT,
 * DECRYPT).execute()}.
 */
public final class CreateCall<R> extends AttributeCall<CreateCall<R>, CreateResponsePayload, R> {

    private ObjectType objectType = ObjectType.SYMMETRIC_KEY;

    CreateCall(ClientCore core, Function<CompletableFuture<CreateResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** The object type to create; Symmetric Key unless set. */
    public CreateCall<R> objectType(ObjectType type) {
        this.objectType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** An AES key of {@code bits} bits. */
    public CreateCall<R> aes(int bits) {
        return algorithm(CryptographicAlgorithm.AES).length(bits);
    }

    @Override
    public KmipRequest<CreateResponsePayload> request() {
        ObjectType type = objectType;
        AttributeList attrs = snapshot();
        return new KmipRequest<>(Operation.CREATE,
                v -> new CreateRequestPayload(type, attrs.template(v, true), attrs.attributes(v, true), null),
                CreateResponsePayload.class, false);
    }
}
