package io.kmipstack.ckms;

import static io.kmipstack.codec.registry.CryptographicUsageMask.DECRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.ENCRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.SIGN;
import static io.kmipstack.codec.registry.CryptographicUsageMask.UNWRAP_KEY;
import static io.kmipstack.codec.registry.CryptographicUsageMask.VERIFY;
import static io.kmipstack.codec.registry.CryptographicUsageMask.WRAP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipSync;
import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.EncodingOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.junit.KmipServerExtension;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed project's other uses of its KMS, shown through the KMIP client against our server at
 * KMIP 2.0 (the first version with Ed25519): a signing key pair kept on the server and listed by
 * group, and a root key that wraps a server-made DEK so the DEK's plaintext never leaves the
 * server.
 */
class SeedKmsUsesIT {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder().client(c -> c.version(KmipVersion.V2_0)).build();

    KmipSync kmip() {
        return kmip.client().sync();
    }

    List<String> inGroup(String group) {
        return kmip().locate().attribute(KmipAttributes.objectGroup(group)).execute().uniqueIdentifiers().stream()
                .map(UniqueIdentifier::toString).toList();
    }

    @Test
    void ed25519KeyPairCreatedFetchedSignedVerifiedListedByGroupAndDeleted() throws Exception {
        String group = "seed-signing-" + UUID.randomUUID();
        CreateKeyPairResponsePayload pair = kmip().createKeyPair().algorithm(CryptographicAlgorithm.ED25519)
                .commonAttribute(KmipAttributes.objectGroup(group)).privateUsage(SIGN).publicUsage(VERIFY).execute();
        String priv = pair.privateKeyUniqueIdentifier();
        String pub = pair.publicKeyUniqueIdentifier();
        kmip().activate(priv);
        kmip().activate(pub);

        PublicKey publicKey = KmipObjects.toPublicKey(kmip().get(pub));
        assertThat(publicKey.getAlgorithm()).isIn("Ed25519", "EdDSA");

        byte[] message = "transaction 42: pay 10 to bob".getBytes(StandardCharsets.UTF_8);
        CryptographicParameters ed25519 = new CryptographicParameters(null, null, null, null, null, CryptographicAlgorithm.ED25519,
                null, null, null, null, null, null, null, null, null, null, null, null);
        Bytes signature = kmip().sign().id(priv).parameters(ed25519).data(message).execute().signatureData();
        assertThat(signature.length()).isEqualTo(64);
        assertThat(kmip().signatureVerify().id(pub).parameters(ed25519).data(message).signature(signature).execute()
                .validityIndicator()).isEqualTo(ValidityIndicator.VALID);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(publicKey);
        jdk.update(message);
        assertThat(jdk.verify(signature.toByteArray())).as("the JDK verifies the server's signature").isTrue();
        byte[] forged = message.clone();
        forged[0] ^= 1;
        assertThat(kmip().signatureVerify().id(pub).parameters(ed25519).data(forged).signature(signature).execute()
                .validityIndicator()).isEqualTo(ValidityIndicator.INVALID);

        assertThat(inGroup(group)).containsExactlyInAnyOrder(priv, pub);
        for (String id : List.of(priv, pub)) {
            kmip().revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION);
            kmip().destroy(id);
        }
        assertThat(inGroup(group)).isEmpty();
    }

    @Test
    void aRootKeyWrapsAServerMadeDekWithoutExposingIt() throws Exception {
        String rootName = "root-" + UUID.randomUUID();
        CryptographicParameters kw = new CryptographicParameters(BlockCipherMode.NIST_KEY_WRAP, null, null, null, null,
                CryptographicAlgorithm.AES, null, null, null, null, null, null, null, null, null, null, null, null);
        // The root key names its wrapping scheme (a wrapping request must match one of its Cryptographic Parameters).
        String root = kmip().create().aes(256).name(rootName).usage(WRAP_KEY, UNWRAP_KEY)
                .attribute(KmipAttribute.of(kw.encode(Tag.CRYPTOGRAPHIC_PARAMETERS, KmipVersion.V2_1))).execute()
                .uniqueIdentifier().toString();
        kmip().activate(root);
        String dek = kmip().create().aes(256).usage(ENCRYPT, DECRYPT).execute().uniqueIdentifier().toString();

        KeyWrappingSpecification spec = new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                new EncryptionKeyInformation(UniqueIdentifier.of(root), kw), null, List.of(), EncodingOption.NO_ENCODING);
        GetResponsePayload wrapped = kmip().get().id(dek).wrapping(spec).execute();
        ManagedObject object = wrapped.managedObject();
        KeyBlock block = ((SymmetricKey) object).keyBlock();
        assertThat(block.keyWrappingData()).isNotNull();
        assertThat(block.keyWrappingData().encryptionKeyInformation().uniqueIdentifier().toString()).isEqualTo(root);
        Bytes ciphertext = KmipObjectContent.of(object);
        assertThat(ciphertext.length()).isEqualTo(40); // RFC 3394: 32 bytes of key plus the 8-byte integrity block

        // The wrapped DEK is usable where the root key is: registered wrapped, the server unwraps it for
        // use. The same plaintext under the same IV gives the same ciphertext under both objects, so
        // the wrapping holds the DEK, and nobody saw it.
        String copy = kmip().register().object(object).usage(ENCRYPT, DECRYPT).execute().uniqueIdentifier().toString();
        kmip().activate(dek);
        kmip().activate(copy);
        Bytes iv = Bytes.of(new byte[12]);
        Bytes plain = Bytes.of("disk sector 0".getBytes(StandardCharsets.UTF_8));
        Bytes a = kmip().encrypt().id(dek).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM).tagLength(16).iv(iv)
                .data(plain).execute().data();
        Bytes b = kmip().encrypt().id(copy).algorithm(CryptographicAlgorithm.AES).mode(BlockCipherMode.GCM).tagLength(16).iv(iv)
                .data(plain).execute().data();
        assertThat(a).isEqualTo(b);

        for (String id : List.of(dek, copy, root)) {
            kmip().revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION);
            kmip().destroy(id);
        }
        assertThat(kmip().locate().objectType(ObjectType.SYMMETRIC_KEY).name(rootName).execute().uniqueIdentifiers()).isEmpty();
    }
}
