package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.client.RegisterCall;
import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kmip register}: stores a symmetric key ({@code --type symmetric-key --algorithm AES}) or
 * secret data ({@code --type secret-data}) the user supplies; prints its Unique Identifier.
 */
@Command(name = "register", description = "Register a symmetric key or secret data given as --in FILE, --in - or --hex.")
final class RegisterCommand extends ClientCommand {

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "secret-data",
            description = "symmetric-key or secret-data (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "AES", description = "For a symmetric key (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--secret-type", paramLabel = "TYPE", defaultValue = "Password",
            description = "Secret Data Type for secret data (default: ${DEFAULT-VALUE}).")
    String secretType;

    @Option(names = "--name", paramLabel = "NAME", description = "A Name (repeatable).")
    List<String> names = new ArrayList<>();

    @Option(names = "--usage", paramLabel = "BITS", split = ",", description = "Cryptographic Usage Mask bits.")
    List<String> usage = new ArrayList<>();

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        Bytes value = data.read(stdin);
        RegisterCall<RegisterResponsePayload> call = kmip.register();
        switch (KmipNames.normalize(type)) {
            case "symmetrickey" -> call.object(KmipObjects.symmetricKey(
                    KmipNames.parse("CryptographicAlgorithm", algorithm, CryptographicAlgorithm::valueOf, "--algorithm"), value));
            case "secretdata" -> call.secretData(KmipNames.parse("SecretDataType", secretType, SecretDataType::valueOf, "--secret-type"), value);
            default -> throw new CliException("--type " + type + " (expected: symmetric-key or secret-data)", KmipCli.EXIT_USAGE);
        }
        names.forEach(call::name);
        if (!usage.isEmpty()) {
            call.usage(KmipNames.mask("CryptographicUsageMask", usage, "--usage"));
        }
        RegisterResponsePayload r = call.execute();
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
