package io.kmipstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.payload.LogRequestPayload;
import io.kmipstack.codec.payload.LogResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic registration: the server builder is configurable, and the extension answers for it. */
class KmipServerExtensionIT {

    static final List<String> logged = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder()
            .clientCn("bob")
            .configure(b -> b.handler(Operation.LOG, (ctx, request) -> {
                logged.add(ctx.identity() + ": " + ((LogRequestPayload) request).logMessage());
                return new LogResponsePayload();
            }))
            .build();

    @Test
    void configuredHandlersServeAndTheCertificateNamesTheRequester() throws Exception {
        ResponseBatchItem r = Kmip.call(kmip.settings(), Operation.LOG, new LogRequestPayload("hello"))
                .batchItem().get(0);

        assertThat(r.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(logged).containsExactly("bob: hello");
        assertThat(kmip.server().port()).isEqualTo(kmip.settings().port());
        assertThat(kmip.settings().httpsPort()).isEqualTo(-1);
    }
}
