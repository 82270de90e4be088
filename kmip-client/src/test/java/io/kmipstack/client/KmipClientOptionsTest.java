package io.kmipstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.registry.KmipVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options: defaults, version sets, validation messages; endpoint parsing. */
class KmipClientOptionsTest {

    private static final TlsOptions TLS = TlsOptions.builder().trust(DevPki.builder().build().ca().certificate()).build();

    @Test
    void defaults() {
        KmipClientOptions o = KmipClientOptions.builder().endpoint("kms1").tls(TLS).build();
        assertThat(o.endpoints()).containsExactly(new KmipEndpoint("kms1", 5696));
        assertThat(o.preferredVersion()).isEqualTo(KmipVersion.V2_1);
        assertThat(o.allowedVersions()).containsExactly(KmipVersion.V2_1, KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_3,
                KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0);
        assertThat(o.negotiateVersion()).isTrue();
        assertThat(o.requestTimeout()).isEqualTo(KmipClientOptions.DEFAULT_REQUEST_TIMEOUT);
        assertThat(o.connectTimeout()).isEqualTo(KmipClientOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(o.poolSize()).isEqualTo(KmipClientOptions.DEFAULT_POOL_SIZE);
        assertThat(o.retries()).isEqualTo(KmipClientOptions.DEFAULT_RETRIES);
        assertThat(o.maximumResponseSize()).isEqualTo(KmipClientOptions.DEFAULT_MAXIMUM_RESPONSE_SIZE);
        assertThat(o.credentials()).isEmpty();
    }

    @Test
    void aPreferredVersionAloneAllowsItAndEverythingBelow() {
        KmipClientOptions o = KmipClientOptions.builder().endpoint("kms1").tls(TLS).preferredVersion(KmipVersion.V1_2).build();
        assertThat(o.allowedVersions()).containsExactly(KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0);
        KmipClientOptions fixed = KmipClientOptions.builder().endpoint("kms1").tls(TLS).version(KmipVersion.V1_4).build();
        assertThat(fixed.allowedVersions()).containsExactly(KmipVersion.V1_4);
        assertThat(fixed.negotiateVersion()).isFalse();
    }

    @Test
    void refusesInconsistentOrOutOfRangeSettings() {
        assertThatThrownBy(() -> KmipClientOptions.builder().tls(TLS).build()).hasMessageStartingWith("endpoints: none");
        assertThatThrownBy(() -> KmipClientOptions.builder().endpoint("a").build()).hasMessageStartingWith("tls: not set");
        assertThatThrownBy(() -> KmipClientOptions.builder().endpoint("a").tls(TLS).preferredVersion(KmipVersion.V2_0)
                .allowedVersions(KmipVersion.V1_4).build())
                .hasMessage("preferred version: 2.0 (expected: one of the allowed versions [1.4])");
        assertThatThrownBy(() -> KmipClientOptions.builder().preferredVersion(new KmipVersion(3, 0)))
                .hasMessageStartingWith("KMIP version: 3.0 (expected: one of");
        assertThatThrownBy(() -> KmipClientOptions.builder().requestTimeout(Duration.ZERO)).hasMessage("request timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> KmipClientOptions.builder().poolSize(0)).hasMessage("pool size: 0 (expected: 1 to 1024)");
    }

    @Test
    void parsesEndpoints() {
        assertThat(KmipEndpoint.parse("kms.example:15696")).isEqualTo(new KmipEndpoint("kms.example", 15696));
        assertThat(KmipEndpoint.parse("10.0.0.1")).isEqualTo(new KmipEndpoint("10.0.0.1", 5696));
        assertThat(KmipEndpoint.parse("[::1]:7000")).isEqualTo(new KmipEndpoint("::1", 7000));
        assertThat(KmipEndpoint.parse("::1")).isEqualTo(new KmipEndpoint("::1", 5696));
        assertThat(new KmipEndpoint("::1", 7000)).hasToString("[::1]:7000");
        assertThatThrownBy(() -> KmipEndpoint.parse("kms:0")).hasMessage("port: 0 (expected: 1 to 65535)");
        assertThatThrownBy(() -> KmipEndpoint.parse("kms:x")).hasMessage("endpoint port: x (expected: 1 to 65535)");
    }
}
