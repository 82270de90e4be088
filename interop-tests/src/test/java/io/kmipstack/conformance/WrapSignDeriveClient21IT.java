package io.kmipstack.conformance;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.junit.KmipServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WrapSignDeriveClientChecks} with a client speaking KMIP 2.1. */
class WrapSignDeriveClient21IT extends WrapSignDeriveClientChecks {

    @RegisterExtension
    static final KmipServerExtension KMIP = KmipServerExtension.builder().client(c -> c.version(KmipVersion.V2_1)).build();

    @Override
    Version version() {
        return Version.V2_1;
    }

    @Override
    KmipClient client() {
        return KMIP.client();
    }
}
