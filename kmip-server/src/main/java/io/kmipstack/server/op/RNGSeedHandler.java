package io.kmipstack.server.op;

import io.kmipstack.codec.payload.RNGSeedRequestPayload;
import io.kmipstack.codec.payload.RNGSeedResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.crypto.Rngs;

/**
 * RNG Seed (KMIP 1.4 section 4.36, 2.1 section 6.1.50): mixes the seed into the server's DRBG as
 * its {@link Rngs.SeedPolicy} allows and answers how many bytes it used.
 */
final class RNGSeedHandler implements OperationHandler {

    private final Rngs.SeedPolicy policy;

    RNGSeedHandler(Rngs.SeedPolicy policy) {
        this.policy = policy;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        RNGSeedRequestPayload p = (RNGSeedRequestPayload) request;
        return new RNGSeedResponsePayload(Rngs.seed(p.data().toByteArray(), policy));
    }
}
