package io.kmipstack.ckms;

import static io.kmipstack.codec.registry.CryptographicUsageMask.DECRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.State;
import io.kmipstack.junit.KmipServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KEK lifecycle on our server, through the key service's URIs: created when absent (once, even
 * when two nodes race: the server keeps Names unique), found by Name by every node, not found when
 * creation is not allowed, unusable when no key with the Name is Active, rotated by Re-key (the
 * server moves the Name) or by create-and-move, the cached identifier's lifetime, then revoked and
 * destroyed. None of it needs the server's cryptographic services.
 */
class OurServerKekIT {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder().build();

    private String kek;
    private final List<CloudKms> opened = new ArrayList<>();

    @BeforeEach
    void name() {
        kek = "kek-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        opened.forEach(CloudKms::close);
    }

    WrappingKms node(String extra) {
        WrappingKms kms = (WrappingKms) KmsFactory.open("kms://kmip?" + OurServer.connection(kmip.settings()) + "&kek=" + kek + extra,
                "storage://memory");
        opened.add(kms);
        return kms;
    }

    KmipSync kmip() {
        return kmip.client().sync();
    }

    State state(String id) {
        return State.valueOf(KmipAttributes.find(KmipAttributes.of(kmip().getAttributes(id, "State")), "State").orElseThrow()
                .value().intValue());
    }

    List<String> names(String id) {
        return KmipAttributes.of(kmip().getAttributes(id, "Name")).stream().filter(a -> a.name().equals("Name"))
                .map(a -> a.as(Name::decode).nameValue()).toList();
    }

    List<String> withName(String name) {
        return kmip().locate().name(name).execute().uniqueIdentifiers().stream().map(Object::toString).toList();
    }

    @Test
    void createdWhenAbsentAsAnActiveAes256KeyAndFoundByOtherNodes() {
        String id = node("&createKek=true").currentKekId();
        assertThat(node("").currentKekId()).isEqualTo(id);
        List<KmipAttribute> attrs = KmipAttributes.of(kmip().getAttributes(id));
        assertThat(KmipAttributes.find(attrs, "Cryptographic Algorithm").orElseThrow().value().intValue())
                .isEqualTo(CryptographicAlgorithm.AES.value());
        assertThat(KmipAttributes.find(attrs, "Cryptographic Length").orElseThrow().value().intValue()).isEqualTo(256);
        assertThat(KmipAttributes.find(attrs, "Cryptographic Usage Mask").orElseThrow().value().intValue()).isEqualTo(KmipKek.KEK_USAGE);
        assertThat(state(id)).isEqualTo(State.ACTIVE);
        assertThat(withName(kek)).containsExactly(id);
    }

    @Test
    void twoNodesCreatingAtOnceEndWithOneKek() throws Exception {
        for (int round = 0; round < 5; round++) {
            kek = "kek-race-" + round + "-" + UUID.randomUUID();
            WrappingKms a = node("&createKek=true");
            WrappingKms b = node("&createKek=true");
            Set<String> ids = ConcurrentHashMap.newKeySet();
            DekStorageContract.race(6, i -> ids.add((i % 2 == 0 ? a : b).currentKekId()));
            assertThat(ids).as("round " + round).hasSize(1);
            assertThat(withName(kek)).containsExactlyElementsOf(ids);
            assertThat(state(ids.iterator().next())).isEqualTo(State.ACTIVE);
        }
    }

    @Test
    void withoutPermissionToCreateAMissingKekIsNotFound() {
        assertThatThrownBy(() -> node("").currentKekId()).isInstanceOf(KekNotFoundException.class)
                .hasMessage("kek \"" + kek + "\": no key bears that Name on the KMIP server (create it, or allow creation: createKek=true)");
    }

    @Test
    void aKekThatIsNotActiveIsNotUsable() {
        String id = kmip().create().aes(256).name(kek).usage(ENCRYPT, DECRYPT).execute().uniqueIdentifier().toString();
        assertThatThrownBy(() -> node("&createKek=true").currentKekId()).isInstanceOf(KekNotUsableException.class)
                .hasMessage("kek \"" + kek + "\": 1 key(s) bear the Name [" + id + "], none Active (expected: exactly 1 Active)");
        assertThat(withName(kek)).containsExactly(id); // nothing was created beside it
    }

    @Test
    void rotationByReKeyMovesTheNameThenTheOldKekIsRetiredAndDestroyed() {
        WrappingKms kms = node("&createKek=true");
        String old = kms.currentKekId();
        KekRotation r = kms.rotateKek();
        assertThat(r.method()).isEqualTo(KekRotation.Method.REKEY);
        assertThat(r.previousKekId()).isEqualTo(old);
        assertThat(state(r.newKekId())).isEqualTo(State.ACTIVE);
        assertThat(state(old)).isEqualTo(State.ACTIVE); // blobs under it still open until rewrapped
        assertThat(names(old)).isEmpty();
        assertThat(withName(kek)).containsExactly(r.newKekId());
        assertThat(node("").currentKekId()).isEqualTo(r.newKekId());

        kms.retireKek(old);
        assertThat(state(old)).isEqualTo(State.DEACTIVATED);
        kms.destroyKek(old);
        assertThat(state(old)).isEqualTo(State.DESTROYED);
        assertThat(state(r.newKekId())).isEqualTo(State.ACTIVE);
    }

    @Test
    void rotationByCreateAndMoveRenamesTheOldKek() {
        WrappingKms kms = node("&createKek=true&rotate=move");
        String old = kms.currentKekId();
        KekRotation r = kms.rotateKek();
        assertThat(r.method()).isEqualTo(KekRotation.Method.CREATE_AND_MOVE);
        assertThat(names(r.newKekId())).containsExactly(kek);
        assertThat(names(old)).containsExactly(kek + ".retired-" + old);
        assertThat(state(r.newKekId())).isEqualTo(State.ACTIVE);
        assertThat(node("").currentKekId()).isEqualTo(r.newKekId());
        // A second rotation from a node that still believes in the old KEK finds the new one by Name first.
        KekRotation again = node("&rotate=move").rotateKek();
        assertThat(again.previousKekId()).isEqualTo(r.newKekId());
    }

    @Test
    void otherNodesSeeARotationWhenTheirCachedKekIdExpires() {
        WrappingKms rotating = node("&createKek=true");
        String old = rotating.currentKekId();
        WrappingKms cached = node("&kekCacheSeconds=3600");
        WrappingKms uncached = node("&kekCacheSeconds=0");
        assertThat(cached.currentKekId()).isEqualTo(old);
        assertThat(uncached.currentKekId()).isEqualTo(old);
        String fresh = rotating.rotateKek().newKekId();
        assertThat(cached.currentKekId()).isEqualTo(old);
        assertThat(uncached.currentKekId()).isEqualTo(fresh);
    }
}
