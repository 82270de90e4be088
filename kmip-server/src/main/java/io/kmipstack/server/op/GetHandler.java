package io.kmipstack.server.op;

import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.PGPKey;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SplitKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KeyCompressionType;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KmipObject;

/**
 * Get (KMIP 1.4 section 4.11, 2.1 section 6.1.19): the object's content, in the Key Format Type
 * asked for when the server can convert to it ({@link KeyFormats}), wrapped when the request has a
 * Key Wrapping Specification ({@link KeyWrapping}). A key registered wrapped is served as
 * registered, or unwrapped for Key Wrap Type Not Wrapped. A Sensitive key is never served in the
 * clear (reason Sensitive), a non-Extractable one not at all, not even wrapped (Not Extractable:
 * 1.4 section 3.50, "the server SHALL prevent the object value being retrieved"); a destroyed
 * object has no content to serve. The first Get clears Fresh.
 */
final class GetHandler implements OperationHandler {

    private final KeyWrapping wrapping;

    GetHandler(KeyWrapping wrapping) {
        this.wrapping = wrapping;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        GetRequestPayload p = (GetRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        ManagedObject served = serve(ctx, o, p.keyFormatType(), p.keyWrapType(), p.keyCompressionType(),
                p.keyWrappingSpecification(), wrapping);
        if (o.attributes().bool(Tag.FRESH, false)) {
            o.attributes().set(Ttlv.bool(Tag.FRESH, false));
            ObjectAccess.updateQuietly(ctx, o);
        }
        return new GetResponsePayload(o.objectType(), UniqueIdentifier.of(o.uniqueIdentifier()), served);
    }

    /** The content of {@code o} as Get and Export serve it. */
    static ManagedObject serve(RequestContext ctx, KmipObject o, KeyFormatType format, KeyWrapType wrapType,
            KeyCompressionType compression, KeyWrappingSpecification spec, KeyWrapping wrapping) {
        if (!o.hasContent()) {
            throw Failures.destroyed(ctx, o.uniqueIdentifier(), o.state());
        }
        if (!o.attributes().bool(Tag.EXTRACTABLE, true)) {
            throw Failures.fail(ResultReason.NOT_EXTRACTABLE, "object " + o.uniqueIdentifier() + ": not extractable");
        }
        ManagedObject content = o.content();
        KeyBlock block = Digests.keyBlock(content);
        boolean sensitive = o.attributes().bool(Tag.SENSITIVE, false);
        if (wrapType != null && !KeyWrapType.NOT_WRAPPED.equals(wrapType) && !KeyWrapType.AS_REGISTERED.equals(wrapType)) {
            throw Failures.fail(ctx.version().isV2() ? ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED : ResultReason.FEATURE_NOT_SUPPORTED,
                    "key wrap type: " + wrapType + " (expected: NotWrapped or AsRegistered)");
        }
        if (block != null && block.keyWrappingData() != null && (KeyWrapType.NOT_WRAPPED.equals(wrapType) || spec != null)) {
            // Registered wrapped, asked for in the clear or under another key: unwrap first.
            if (sensitive && spec == null) {
                throw Failures.fail(ResultReason.SENSITIVE, "object " + o.uniqueIdentifier()
                        + ": sensitive (expected: Key Wrap Type AsRegistered or a Key Wrapping Specification)");
            }
            content = wrapping.unwrap(ctx, content);
            block = Digests.keyBlock(content);
        }
        if (compression != null && (block == null || !compression.equals(block.keyCompressionType()))) {
            throw Failures.fail(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED, "key compression type: " + compression
                    + " (expected: none, or the stored one)");
        }
        if (format != null) {
            if (block != null) {
                content = withBlock(content, KeyFormats.convert(o.objectType(), block, format));
            } else if (!(content instanceof Certificate && format.equals(KeyFormatType.X_509))) {
                throw Failures.fail(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, "key format type: " + format + " for "
                        + o.objectType() + " (expected: none; the object has no key block)");
            }
        }
        if (spec != null) {
            return wrapping.wrap(ctx, o, content, spec);
        }
        if (sensitive && (block == null || block.keyWrappingData() == null)) {
            throw Failures.fail(ResultReason.SENSITIVE, "object " + o.uniqueIdentifier()
                    + ": sensitive (expected: a Key Wrapping Specification)");
        }
        return content;
    }

    /** {@code content} with its key block replaced. */
    static ManagedObject withBlock(ManagedObject content, KeyBlock block) {
        if (content instanceof SymmetricKey) {
            return new SymmetricKey(block);
        }
        if (content instanceof PublicKey) {
            return new PublicKey(block);
        }
        if (content instanceof PrivateKey) {
            return new PrivateKey(block);
        }
        if (content instanceof SecretData s) {
            return new SecretData(s.secretDataType(), block);
        }
        if (content instanceof SplitKey s) {
            return new SplitKey(s.splitKeyParts(), s.keyPartIdentifier(), s.splitKeyThreshold(), s.splitKeyMethod(),
                    s.primeFieldSize(), block);
        }
        if (content instanceof PGPKey k) {
            return new PGPKey(k.pgpKeyVersion(), block);
        }
        throw new IllegalArgumentException("no key block in " + content.getClass().getSimpleName());
    }
}
