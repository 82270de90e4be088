package io.kmipstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The README's example, so that it keeps compiling and working. */
@KmipServerTest(clientCn = "alice")
class ReadmeExampleIT {

    @Test
    void talksToKmip(KmipConnectionSettings kmip) throws Exception {
        try (SSLSocket socket = (SSLSocket) kmip.sslContext().getSocketFactory()
                .createSocket(kmip.host(), kmip.port())) {
            socket.startHandshake();
            assertThat(socket.getSession().getLocalPrincipal().getName()).isEqualTo("CN=alice");
        }
    }
}
