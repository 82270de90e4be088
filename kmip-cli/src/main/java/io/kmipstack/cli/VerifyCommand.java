package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.SignatureVerifyResponsePayload;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kmip verify}: Signature Verify on the server. Prints the Validity Indicator ({@code Valid},
 * {@code Invalid}, {@code Unknown}); the exit status is 0 only for Valid, so scripts can test it.
 */
@Command(name = "verify", description = "Verify a signature on the server; exit status 0 only when it is valid.")
final class VerifyCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the public key.")
    String id;

    @Option(names = "--signature", paramLabel = "HEX", description = "The signature in hex.")
    String signature;

    @Option(names = "--signature-file", paramLabel = "FILE", description = "The signature, raw bytes in FILE.")
    Path signatureFile;

    @Mixin
    CryptoOptions crypto;

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        if ((signature == null) == (signatureFile == null)) {
            throw new CliException("signature: give exactly one of --signature HEX or --signature-file FILE", KmipCli.EXIT_USAGE);
        }
        Bytes sig = signature != null ? Bytes.wrap(MessageInput.parseHex(signature, "--signature")) : Bytes.wrap(Files.readAllBytes(signatureFile));
        SignatureVerifyResponsePayload r = crypto.apply(kmip.signatureVerify().id(id)).data(data.read(stdin)).signature(sig).execute();
        print(r, () -> out().println(r.validityIndicator()));
        return ValidityIndicator.VALID.equals(r.validityIndicator()) ? 0 : KmipCli.EXIT_FAILURE;
    }
}
