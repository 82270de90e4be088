package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.junit.KmipServerExtension;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.KmipException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code storage://kmip} on our server under the storage contract. Our server keeps Names
 * unique, so registering a generation twice fails at the server: the conditional writes are
 * true compare-and-swaps there, which the concurrency cases of the contract exercise.
 */
class OurServerDekStorageIT extends DekStorageContract {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder().build();

    private String prefix;

    @Override
    DekStorage newStorage() {
        prefix = "contract-" + UUID.randomUUID() + "/";
        return new KmipDekStorage(OurServer.client(kmip.settings()), prefix, KmipDekStorage.Kind.SECRET_DATA, true);
    }

    @Override
    DekStorage secondInstance() {
        return new KmipDekStorage(OurServer.client(kmip.settings()), prefix, KmipDekStorage.Kind.SECRET_DATA, true);
    }

    @Test
    void theServerRefusesASecondObjectForOneGeneration() {
        assertThat(storage.putIfAbsent("g", blob("first"))).isTrue();
        // What a racing writer would do: register generation 0 again. The server says no.
        var attempt = kmip.client().sync().register()
                .object(io.kmipstack.client.jca.KmipObjects.secretData(io.kmipstack.codec.registry.SecretDataType.SEED, blob("x")))
                .name(prefix + "g#0");
        try {
            attempt.execute();
            throw new AssertionError("a second object named " + prefix + "g#0 was registered");
        } catch (KmipException e) {
            assertThat(e.resultReason()).isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
        }
        String version = storage.get("g").orElseThrow().version();
        assertThat(version).startsWith("0:");
        assertThat(storage.replace("g", version, blob("second"))).isTrue();
        String v1 = storage.get("g").orElseThrow().version();
        assertThat(v1).startsWith("1:");
        // The replaced generation is destroyed: only one live object holds the blob.
        assertThat(kmip.client().sync().locate().objectType(ObjectType.SECRET_DATA)
                .attribute(io.kmipstack.client.KmipAttributes.objectGroup(prefix + "g")).execute().uniqueIdentifiers())
                .hasSize(1);
    }
}
