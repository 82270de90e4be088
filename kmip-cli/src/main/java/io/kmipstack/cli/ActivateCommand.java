package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip activate}: moves an object to the Active state. */
@Command(name = "activate", description = "Activate an object.")
final class ActivateCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier.")
    String id;

    @Override
    int run(KmipSync kmip) {
        ActivateResponsePayload r = kmip.activate(id);
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
