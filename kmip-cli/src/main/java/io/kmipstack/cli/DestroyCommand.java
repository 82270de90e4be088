package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip destroy}: destroys an object's key material (a server may keep its attributes). */
@Command(name = "destroy", description = "Destroy an object.")
final class DestroyCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier.")
    String id;

    @Override
    int run(KmipSync kmip) {
        DestroyResponsePayload r = kmip.destroy(id);
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
