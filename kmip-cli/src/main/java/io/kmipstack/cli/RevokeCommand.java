package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.client.RevokeCall;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.registry.RevocationReasonCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip revoke}: revokes an object with a Revocation Reason, e.g. {@code --reason CessationOfOperation}. */
@Command(name = "revoke", description = "Revoke an object, e.g. --reason CessationOfOperation or KeyCompromise.")
final class RevokeCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier.")
    String id;

    @Option(names = "--reason", paramLabel = "CODE", defaultValue = "Unspecified",
            description = "Revocation Reason Code (default: ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--message", paramLabel = "TEXT", description = "Revocation Message.")
    String message;

    @Option(names = "--compromise-date", paramLabel = "ISO-8601",
            description = "Compromise Occurrence Date, e.g. 2025-01-31T12:00:00Z (for a compromise).")
    String compromiseDate;

    @Override
    int run(KmipSync kmip) {
        RevokeCall<RevokeResponsePayload> call = kmip.revoke().id(id)
                .reason(KmipNames.parse("RevocationReasonCode", reason, RevocationReasonCode::valueOf, "--reason"))
                .message(message);
        if (compromiseDate != null) {
            try {
                call.compromiseOccurrenceDate(Instant.parse(compromiseDate));
            } catch (DateTimeParseException e) {
                throw new CliException("--compromise-date " + compromiseDate + " (expected: ISO-8601 such as 2025-01-31T12:00:00Z)",
                        KmipCli.EXIT_USAGE);
            }
        }
        RevokeResponsePayload r = call.execute();
        print(r, () -> out().println(r.uniqueIdentifier()));
        return 0;
    }
}
