package io.kmipstack.cli;

import io.kmipstack.client.CreateCall;
import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.ObjectType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip create}: the server generates a symmetric key; prints its Unique Identifier. */
@Command(name = "create", description = "Create a symmetric key on the server, e.g. --algorithm AES --length 256.")
final class CreateCommand extends ClientCommand {

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "AES", description = "Cryptographic Algorithm (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--length", paramLabel = "BITS", defaultValue = "256", description = "Cryptographic Length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--name", paramLabel = "NAME", description = "A Name for the key (repeatable).")
    List<String> names = new ArrayList<>();

    @Option(names = "--usage", paramLabel = "BITS", split = ",",
            description = "Cryptographic Usage Mask bits, e.g. Encrypt,Decrypt (default: Encrypt,Decrypt).")
    List<String> usage = new ArrayList<>();

    @Option(names = "--group", paramLabel = "GROUP", description = "Object Group.")
    String group;

    @Override
    int run(KmipSync kmip) {
        CreateCall<CreateResponsePayload> call = kmip.create().objectType(ObjectType.SYMMETRIC_KEY)
                .algorithm(KmipNames.parse("CryptographicAlgorithm", algorithm, CryptographicAlgorithm::valueOf, "--algorithm"))
                .length(length)
                .usage(usage.isEmpty() ? KmipNames.mask("CryptographicUsageMask", List.of("Encrypt,Decrypt"), "--usage")
                        : KmipNames.mask("CryptographicUsageMask", usage, "--usage"));
        names.forEach(call::name);
        if (group != null) {
            call.attribute(KmipAttributes.objectGroup(group));
        }
        CreateResponsePayload r = call.execute();
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
