package io.kmipstack.conformance;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.junit.KmipServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WrapSignDeriveClientChecks} with a client speaking KMIP 1.4. */
class WrapSignDeriveClient14IT extends WrapSignDeriveClientChecks {

    @RegisterExtension
    static final KmipServerExtension KMIP = KmipServerExtension.builder().client(c -> c.version(KmipVersion.V1_4)).build();

    @Override
    Version version() {
        return Version.V1_4;
    }

    @Override
    KmipClient client() {
        return KMIP.client();
    }
}
