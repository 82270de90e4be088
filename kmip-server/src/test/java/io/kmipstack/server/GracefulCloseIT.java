package io.kmipstack.server;

import static io.kmipstack.server.Requests.item;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.ArchiveResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.model.UniqueIdentifier;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() stops accepting, lets the request in flight finish and answer, then closes the store. */
class GracefulCloseIT {

    @Test
    void closeFinishesTheRequestInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestStore store = new TestStore();
        KmipServer server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(store)
                .handler(Operation.ARCHIVE, (ctx, request) -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ArchiveResponsePayload(UniqueIdentifier.of("slow"));
                })
                .start();
        int port = server.port();
        try (RawClient c = RawClient.connect(port)) {
            c.send(message(KmipVersion.V1_4, item(null, Operation.ARCHIVE,
                    new ArchiveRequestPayload(UniqueIdentifier.of("slow")))).encode(KmipVersion.V1_4));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            assertThat(closing).isNotDone();
            // No new connection while closing.
            assertThatThrownBy(() -> {
                try (RawClient late = RawClient.connect(port)) {
                    late.receive();
                }
            }).isInstanceOf(IOException.class);

            release.countDown();
            ResponseMessage r = c.receiveResponse();
            assertThat(r.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            closing.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.closed).isTrue();
    }
}
