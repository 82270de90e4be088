package io.kmipstack.ckms;

import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.junit.KmipConnectionSettings;
import java.time.Duration;

/** Connection helpers for ITs against our server as {@code kmip-junit} runs it. */
final class OurServer {

    private OurServer() {
    }

    /** A new client of its own (a node's), to the server {@code settings} describe. */
    static KmipClient client(KmipConnectionSettings settings) {
        return KmipClient.create(KmipClientOptions.builder().endpoint(settings.host(), settings.port())
                .tls(TlsOptions.builder().trust(settings.caCertificate()).key(settings.clientKey(), settings.clientCertificate()).build())
                .requestTimeout(Duration.ofSeconds(60)).build());
    }

    /** {@code endpoint=...&caCert=...&clientCert=...&clientKey=...} for a {@code kms://kmip} URI. */
    static String connection(KmipConnectionSettings s) {
        return "endpoint=" + s.host() + ":" + s.port() + "&caCert=" + s.caPem() + "&clientCert=" + s.clientCertificatePem()
                + "&clientKey=" + s.clientKeyPem();
    }
}
