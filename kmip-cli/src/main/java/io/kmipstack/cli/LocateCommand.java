package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.client.LocateCall;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip locate}: the identifiers of the objects matching every filter, one per line. */
@Command(name = "locate", description = "Find objects by name, type, algorithm or state.")
final class LocateCommand extends ClientCommand {

    @Option(names = "--name", paramLabel = "NAME", description = "Name.")
    String name;

    @Option(names = "--object-type", paramLabel = "TYPE", description = "Object Type, e.g. SymmetricKey.")
    String objectType;

    @Option(names = "--algorithm", paramLabel = "ALG", description = "Cryptographic Algorithm.")
    String algorithm;

    @Option(names = "--state", paramLabel = "STATE", description = "State, e.g. Active.")
    String state;

    @Option(names = "--max", paramLabel = "N", description = "Maximum Items.")
    Integer max;

    @Option(names = "--offset", paramLabel = "N", description = "Offset Items (KMIP 1.3 and later).")
    Integer offset;

    @Override
    int run(KmipSync kmip) {
        LocateCall<LocateResponsePayload> call = kmip.locate();
        if (name != null) {
            call.name(name);
        }
        if (objectType != null) {
            call.objectType(KmipNames.parse("ObjectType", objectType, ObjectType::valueOf, "--object-type"));
        }
        if (algorithm != null) {
            call.algorithm(KmipNames.parse("CryptographicAlgorithm", algorithm, CryptographicAlgorithm::valueOf, "--algorithm"));
        }
        if (state != null) {
            call.state(KmipNames.parse("State", state, State::valueOf, "--state"));
        }
        if (max != null) {
            call.maximumItems(max);
        }
        if (offset != null) {
            call.offsetItems(offset);
        }
        LocateResponsePayload r = call.execute();
        print(r, () -> r.uniqueIdentifiers().forEach(out()::println));
        return 0;
    }
}
