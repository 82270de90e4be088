package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CipherSpec;
import io.kmipstack.server.crypto.CipherStream;
import io.kmipstack.server.crypto.Ciphers;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.CryptoFailures;
import io.kmipstack.server.crypto.StreamingState;
import io.kmipstack.server.object.KeyGeneration;
import io.kmipstack.server.object.KmipObject;
import java.security.Key;
import java.time.Instant;
import java.util.Arrays;

/**
 * The work Encrypt and Decrypt share (KMIP 1.4 sections 4.29-4.30, 2.1 sections 6.1.17 and
 * 6.1.11): the key checked by {@link KeyUsage} (Encrypt: an Active key with the Encrypt bit, before
 * its Protect Stop Date; Decrypt: also a Deactivated or Compromised one, from its Process Start
 * Date), the parameters ({@link CipherSpec#merge}: the request's, completed by the key's
 * attribute), the IV, and single-part or multi-part execution.
 *
 * <p>IV: Encrypt uses the request's IV/Counter/Nonce; when the mode needs one and the request has
 * none, the server generates a random one of the IV Length (or the mode's usual length) and
 * returns it, unless Random IV is explicitly false, which the request then has to honour by
 * sending one. (2.1 section 6.1.17 lets a client omit the IV when Random IV asks the server for
 * one; generating one when the client says nothing is what a client that forgot it needs, and the
 * IV is always returned.) Decrypt needs the IV it was encrypted with.
 *
 * <p>Multi-part: a request with Init Indicator (and no Final Indicator) opens a stream in
 * {@link CorrelationStates} and answers with the output so far and the Correlation Value; each
 * further part presents it, and the key is checked again on every part (a key revoked
 * mid-stream stops the stream); the part with Final Indicator answers the rest, with the tag for
 * authenticated encryption. Authenticated decryption answers intermediate parts with no data
 * ({@link Ciphers}) and takes the tag with the first part, as the spec says, or with a later one.
 * A part that fails ends its stream. RSA is single-part only. GCM and ChaCha20-Poly1305 need
 * KMIP 1.4 or later, whose payloads carry the Authenticated Encryption Tag.
 */
final class CipherCalls {

    /** The request fields of Encrypt and Decrypt. */
    record Call(UniqueIdentifier uniqueIdentifier, CryptographicParameters parameters, Bytes data, Bytes iv, Bytes correlationValue,
            Boolean init, Boolean fin, Bytes aad, Bytes tag) {
    }

    /** The answer: the key's identifier, the output, and what applies of the generated IV, Correlation Value and tag. */
    record Outcome(String uniqueIdentifier, Bytes data, Bytes generatedIv, Bytes correlationValue, Bytes tag) {
    }

    private final CorrelationStates streams;
    private final boolean encrypt;
    private final Operation operation;

    CipherCalls(CorrelationStates streams, boolean encrypt) {
        this.streams = streams;
        this.encrypt = encrypt;
        this.operation = encrypt ? Operation.ENCRYPT : Operation.DECRYPT;
    }

    private String opName() {
        return encrypt ? "Encrypt" : "Decrypt";
    }

    private KmipObject key(RequestContext ctx, UniqueIdentifier id) {
        return KeyUsage.require(ctx, id, encrypt ? CryptographicUsageMask.ENCRYPT : CryptographicUsageMask.DECRYPT,
                encrypt ? KeyUsage.Purpose.PROTECT : KeyUsage.Purpose.PROCESS);
    }

    Outcome run(RequestContext ctx, Call c) {
        Instant now = ctx.clock().instant();
        if (c.correlationValue() != null) {
            return next(ctx, c, now);
        }
        KmipObject o = key(ctx, c.uniqueIdentifier());
        ObjectType type = o.objectType();
        if (!ObjectType.SYMMETRIC_KEY.equals(type) && !(encrypt ? ObjectType.PUBLIC_KEY : ObjectType.PRIVATE_KEY).equals(type)) {
            throw CryptoKeys.unusable(ctx, "object " + o.uniqueIdentifier() + ": a " + type.name() + " (expected: a SymmetricKey or a "
                    + (encrypt ? "PublicKey" : "PrivateKey") + " for " + opName() + ")");
        }
        CryptographicParameters params = CipherSpec.merge(c.parameters(), CryptoKeys.parameters(o));
        CryptographicAlgorithm keyAlgorithm = CryptoKeys.algorithm(o);
        if (keyAlgorithm == null && (params == null || params.cryptographicAlgorithm() == null)) {
            throw CryptoFailures.badParameters(ctx.version(), "object " + o.uniqueIdentifier()
                    + ": no cryptographic algorithm (expected: on the key or in the Cryptographic Parameters)");
        }
        CipherSpec spec = CipherSpec.of(params, keyAlgorithm);
        boolean opening = Boolean.TRUE.equals(c.init()) && !Boolean.TRUE.equals(c.fin());
        if (Ciphers.isAsymmetric(spec)) {
            return rsa(ctx, o, spec, c, opening);
        }
        if (Ciphers.isAuthenticated(spec, ctx.version()) && !ctx.version().atLeast(KmipVersion.V1_4)) {
            throw Failures.featureNotSupported(Ciphers.describeAlgorithm(spec) + ": authenticated encryption needs KMIP 1.4 or later"
                    + " (expected: a 1.4 or 2.x request; earlier versions cannot carry the tag)");
        }
        byte[] key = CryptoKeys.secret(ctx, o, opName(), false);
        byte[] iv = c.iv() == null ? null : c.iv().toByteArray();
        Bytes generated = null;
        if (encrypt && iv == null && Ciphers.needsIv(spec, ctx.version()) && !Boolean.FALSE.equals(spec.randomIv())) {
            iv = new byte[Ciphers.randomIvLength(spec, ctx.version())];
            KeyGeneration.random().nextBytes(iv);
            generated = Bytes.of(iv);
        }
        CipherStream stream;
        try {
            stream = Ciphers.start(spec, key, encrypt, iv, bytes(c.aad()), bytes(c.tag()), ctx.version());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        byte[] data = bytes(c.data());
        if (encrypt) {
            CryptoKeys.allocate(ctx, o, data == null ? 0 : data.length);
        }
        if (opening) {
            byte[] out = data == null ? new byte[0] : stream.update(data);
            Bytes cv = streams.open(new StreamingState(operation, ctx.identity(), o.uniqueIdentifier(), stream), now);
            return new Outcome(o.uniqueIdentifier(), Bytes.wrap(out), generated, cv, null);
        }
        CipherStream.Result r = stream.finish(requireData(data));
        return new Outcome(o.uniqueIdentifier(), Bytes.wrap(r.data()), generated, null, r.tag() == null ? null : Bytes.wrap(r.tag()));
    }

    private Outcome rsa(RequestContext ctx, KmipObject o, CipherSpec spec, Call c, boolean opening) {
        if (opening) {
            throw Failures.featureNotSupported(opName() + " with RSA: multi-part (expected: a single-part request)");
        }
        if (c.iv() != null || c.aad() != null || c.tag() != null) {
            throw CryptoFailures.badParameters(ctx.version(), opName() + " with RSA: an IV, additional data or tag"
                    + " (expected: none of them)");
        }
        byte[] data = requireData(bytes(c.data()));
        Key key = encrypt ? CryptoKeys.publicKey(ctx, o, opName() + " with RSA") : CryptoKeys.privateKey(ctx, o, opName() + " with RSA");
        if (encrypt) {
            CryptoKeys.allocate(ctx, o, data.length);
        }
        return new Outcome(o.uniqueIdentifier(), Bytes.wrap(Ciphers.rsa(spec, key, encrypt, data, ctx.version())), null, null, null);
    }

    /** A part of an open stream: the next one, or the last with the Final Indicator. */
    private Outcome next(RequestContext ctx, Call c, Instant now) {
        StreamingState s = streams.take(c.correlationValue(), operation, ctx.identity(), ctx.version(), now);
        if (c.uniqueIdentifier() instanceof UniqueIdentifier.Text t && !t.value().equals(s.uniqueIdentifier())) {
            throw Failures.invalidField("unique identifier: " + t.value() + " (expected: " + s.uniqueIdentifier()
                    + ", the key of the stream the Correlation Value names)");
        }
        if (c.iv() != null || c.aad() != null) {
            throw Failures.invalidField(opName() + ": IV or additional data after the first part (expected: them in the"
                    + " request with the Init Indicator)");
        }
        KmipObject o = key(ctx, UniqueIdentifier.of(s.uniqueIdentifier()));
        byte[] data = bytes(c.data());
        if (encrypt && data != null && CryptoKeys.limitsBytes(o)) {
            CryptoKeys.allocate(ctx, o, data.length);
        }
        CipherStream stream = s.engine(CipherStream.class);
        if (c.tag() != null) {
            stream.tag(c.tag().toByteArray());
        }
        if (Boolean.TRUE.equals(c.fin())) {
            CipherStream.Result r = stream.finish(data == null ? new byte[0] : data);
            return new Outcome(o.uniqueIdentifier(), Bytes.wrap(r.data()), null, null, r.tag() == null ? null : Bytes.wrap(r.tag()));
        }
        byte[] out = data == null ? new byte[0] : stream.update(data);
        streams.resume(c.correlationValue(), s, now);
        return new Outcome(o.uniqueIdentifier(), Bytes.wrap(out), null, c.correlationValue(), null);
    }

    private byte[] requireData(byte[] data) {
        if (data == null) {
            throw Failures.fail(ResultReason.INVALID_FIELD, opName() + ": no Data (expected: the data, in a single-part request)");
        }
        return data;
    }

    private static byte[] bytes(Bytes b) {
        return b == null ? null : b.toByteArray();
    }
}
