package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.payload.HashRequestPayload;
import io.kmipstack.codec.payload.HashResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.Hashes;
import io.kmipstack.server.crypto.StreamingState;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Hash (KMIP 1.4 section 4.37, 2.1 section 6.1.24): the digest of the data with the Cryptographic
 * Parameters' Hashing Algorithm ({@link Hashes}); no managed object is involved. Multi-part as
 * for Encrypt: Init Indicator opens a stream in the shared {@link CorrelationStates}, bound to the
 * requester, and the Final Indicator answers the digest.
 */
final class HashHandler implements OperationHandler {

    private final CorrelationStates streams;

    HashHandler(CorrelationStates streams) {
        this.streams = streams;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        HashRequestPayload p = (HashRequestPayload) request;
        Instant now = ctx.clock().instant();
        MessageDigest digest;
        if (p.correlationValue() != null) {
            StreamingState s = streams.take(p.correlationValue(), Operation.HASH, ctx.identity(), ctx.version(), now);
            digest = s.engine(MessageDigest.class);
            if (p.data() != null) {
                digest.update(p.data().toByteArray());
            }
            if (!Boolean.TRUE.equals(p.finalIndicator())) {
                streams.resume(p.correlationValue(), s, now);
                return new HashResponsePayload(null, p.correlationValue());
            }
            return new HashResponsePayload(Bytes.wrap(digest.digest()), null);
        }
        CryptographicParameters cp = p.cryptographicParameters();
        digest = Hashes.digest(cp == null ? null : Hashes.of(cp.hashingAlgorithm(), cp.cryptographicAlgorithm()), ctx.version());
        if (p.data() != null) {
            digest.update(p.data().toByteArray());
        }
        if (Boolean.TRUE.equals(p.initIndicator()) && !Boolean.TRUE.equals(p.finalIndicator())) {
            Bytes cv = streams.open(new StreamingState(Operation.HASH, ctx.identity(), null, digest), now);
            return new HashResponsePayload(null, cv);
        }
        if (p.data() == null) {
            throw Failures.invalidField("Hash: no Data (expected: the data, in a single-part request)");
        }
        return new HashResponsePayload(Bytes.wrap(digest.digest()), null);
    }
}
