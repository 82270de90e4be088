package io.kmipstack.cli;

import io.kmipstack.client.CreateKeyPairCall;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip create-key-pair}: the server generates a key pair; prints both identifiers. */
@Command(name = "create-key-pair", description = "Create an asymmetric key pair on the server, e.g. --algorithm RSA --length 2048.")
final class CreateKeyPairCommand extends ClientCommand {

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "RSA", description = "Cryptographic Algorithm (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--length", paramLabel = "BITS", defaultValue = "2048", description = "Cryptographic Length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--name", paramLabel = "NAME", description = "A Name for the private key; the public key gets NAME.pub.")
    String name;

    @Option(names = "--private-usage", paramLabel = "BITS", split = ",", description = "Private key usage mask (default: Sign).")
    List<String> privateUsage = new ArrayList<>();

    @Option(names = "--public-usage", paramLabel = "BITS", split = ",", description = "Public key usage mask (default: Verify).")
    List<String> publicUsage = new ArrayList<>();

    @Override
    int run(KmipSync kmip) {
        CreateKeyPairCall<CreateKeyPairResponsePayload> call = kmip.createKeyPair()
                .algorithm(KmipNames.parse("CryptographicAlgorithm", algorithm, CryptographicAlgorithm::valueOf, "--algorithm"))
                .length(length)
                .privateUsage(KmipNames.mask("CryptographicUsageMask", privateUsage.isEmpty() ? List.of("Sign") : privateUsage, "--private-usage"))
                .publicUsage(KmipNames.mask("CryptographicUsageMask", publicUsage.isEmpty() ? List.of("Verify") : publicUsage, "--public-usage"));
        if (name != null) {
            call.privateName(name).publicName(name + ".pub");
        }
        CreateKeyPairResponsePayload r = call.execute();
        print(r, () -> {
            out().println("private: " + r.privateKeyUniqueIdentifier());
            out().println("public:  " + r.publicKeyUniqueIdentifier());
        });
        return 0;
    }
}
