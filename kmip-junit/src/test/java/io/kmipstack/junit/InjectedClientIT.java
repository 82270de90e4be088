package io.kmipstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The injected client is ready: it negotiates, creates and reads back; client options can be set. */
class InjectedClientIT {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder()
            .clientCn("alice")
            .client(c -> c.version(KmipVersion.V1_4))
            .build();

    @Test
    void theClientWorksAgainstTheServer(KmipClient client) {
        String id = client.sync().create().aes(256).name("junit-key").execute().uniqueIdentifier().toString();
        GetResponsePayload got = client.sync().get(id);

        assertThat(got.objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
        assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_4);
        assertThat(kmip.client()).isSameAs(client);
        assertThatThrownBy(() -> client.sync().get("no-such-object")).isInstanceOf(KmipException.class);
    }
}
