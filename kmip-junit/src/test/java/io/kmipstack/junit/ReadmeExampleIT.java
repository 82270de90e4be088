package io.kmipstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.registry.ObjectType;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The README's example, so that it keeps compiling and working. */
@KmipServerTest(clientCn = "alice")
class ReadmeExampleIT {

    @Test
    void storesAKey(KmipClient kmip) {
        String id = kmip.sync().create().aes(256).name("my-key").execute().uniqueIdentifier().toString();
        assertThat(kmip.sync().get(id).objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
    }

    @Test
    void configuresSomethingElse(KmipConnectionSettings settings) throws Exception {
        try (SSLSocket socket = (SSLSocket) settings.sslContext().getSocketFactory()
                .createSocket(settings.host(), settings.port())) {
            socket.startHandshake();
            assertThat(socket.getSession().getLocalPrincipal().getName()).isEqualTo("CN=alice");
        }
    }
}
