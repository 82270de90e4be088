package io.kmipstack.client;

import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.KeyCompressionType;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.WrappingMethod;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Get (KMIP 1.4 section 4.11, 2.1 section 6.1.19): the object itself, optionally in a given Key
 * Format Type, compressed, or wrapped under another key (Key Wrapping Specification).
 */
public final class GetCall<R> extends KmipCall<GetCall<R>, GetResponsePayload, R> {

    private String id;
    private KeyFormatType keyFormatType;
    private KeyWrapType keyWrapType;
    private KeyCompressionType keyCompressionType;
    private KeyWrappingSpecification wrapping;

    GetCall(ClientCore core, Function<CompletableFuture<GetResponsePayload>, R> finish) {
        super(core, finish);
    }

    public GetCall<R> id(String id) {
        this.id = id;
        return this;
    }

    /** The Key Format Type to return the key in, e.g. {@code TRANSPARENT_RSA_PUBLIC_KEY}. */
    public GetCall<R> keyFormat(KeyFormatType format) {
        this.keyFormatType = format;
        return this;
    }

    /** Key Wrap Type (KMIP 1.4 and later): Not Wrapped or As Registered. */
    public GetCall<R> keyWrapType(KeyWrapType type) {
        this.keyWrapType = type;
        return this;
    }

    public GetCall<R> keyCompression(KeyCompressionType type) {
        this.keyCompressionType = type;
        return this;
    }

    public GetCall<R> wrapping(KeyWrappingSpecification specification) {
        this.wrapping = specification;
        return this;
    }

    /** Wraps the key by encryption under the key {@code wrappingKeyId}, with the server's default parameters. */
    public GetCall<R> wrapWith(String wrappingKeyId) {
        return wrapping(new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                EncryptionKeyInformation.of(UniqueIdentifier.of(wrappingKeyId)), null, List.of(), null));
    }

    @Override
    public KmipRequest<GetResponsePayload> request() {
        GetRequestPayload p = new GetRequestPayload(Ids.of(id), keyFormatType, keyWrapType, keyCompressionType, wrapping);
        return new KmipRequest<>(Operation.GET, v -> p, GetResponsePayload.class, true);
    }
}
