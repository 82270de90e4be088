package io.kmipstack.client;

import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.registry.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Create Key Pair (KMIP 1.4 section 4.2, 2.1 section 6.1.9), e.g. {@code createKeyPair().rsa(2048)
 * .privateUsage(SIGN).publicUsage(VERIFY).execute()}.
 */
public final class CreateKeyPairCall<R> extends KeyPairCall<CreateKeyPairCall<R>, CreateKeyPairResponsePayload, R> {

    CreateKeyPairCall(ClientCore core, Function<CompletableFuture<CreateKeyPairResponsePayload>, R> finish) {
        super(core, finish);
    }

    @Override
    public KmipRequest<CreateKeyPairResponsePayload> request() {
        AttributeList c = copy(common);
        AttributeList pr = copy(privateKey);
        AttributeList pu = copy(publicKey);
        return new KmipRequest<>(Operation.CREATE_KEY_PAIR, v -> new CreateKeyPairRequestPayload(
                c.template(v, false), pr.template(v, false), pu.template(v, false),
                c.attributes(v, false), pr.attributes(v, false), pu.attributes(v, false), null, null, null),
                CreateKeyPairResponsePayload.class, false);
    }
}
