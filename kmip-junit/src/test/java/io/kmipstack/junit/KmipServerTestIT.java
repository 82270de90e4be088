package io.kmipstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.server.KmipServer;
import java.nio.file.Files;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation: a server per class, settings and server injected, shared with nested classes. */
@KmipServerTest(clientCn = "alice", https = true)
class KmipServerTestIT {

    static KmipConnectionSettings first;

    @Test
    void settingsReachARunningServer(KmipConnectionSettings settings, KmipServer server) throws Exception {
        assertThat(settings.port()).isEqualTo(server.port()).isPositive();
        assertThat(settings.httpsPort()).isEqualTo(server.httpsPort()).isPositive();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(Files.readString(settings.clientCertificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(settings.clientCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(settings.toString()).contains("redacted").doesNotContain(settings.clientKey().toString());

        assertThat(Kmip.call(settings, Operation.DISCOVER_VERSIONS, DiscoverVersionsRequestPayload.of())
                .batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        remember(settings);
    }

    @Test
    void everyTestOfTheClassSharesTheServer(KmipConnectionSettings settings) {
        remember(settings);
    }

    private static synchronized void remember(KmipConnectionSettings settings) {
        if (first == null) {
            first = settings;
        }
        assertThat(settings).isSameAs(first);
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheServerToo(KmipConnectionSettings settings) {
            remember(settings);
        }
    }
}
