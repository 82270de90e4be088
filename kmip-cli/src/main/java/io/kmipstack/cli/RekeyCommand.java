package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.client.ReKeyCall;
import io.kmipstack.codec.payload.ReKeyResponsePayload;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip rekey}: a new symmetric key replacing the given one; prints the new identifier. */
@Command(name = "rekey", description = "Replace a symmetric key with a new one (Re-key).")
final class RekeyCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the key to replace.")
    String id;

    @Option(names = "--offset", paramLabel = "DURATION", description = "Offset of the new key's dates: 30s, 2m, PT1H or seconds.")
    String offset;

    @Override
    int run(KmipSync kmip) {
        ReKeyCall<ReKeyResponsePayload> call = kmip.reKey().id(id);
        if (offset != null) {
            Duration d = ConnectionOptions.duration(offset, "--offset");
            call.offset(d);
        }
        ReKeyResponsePayload r = call.execute();
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
