package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.SignResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kmip sign}: signs on the server; the signature goes to {@code --out} or is printed in hex. */
@Command(name = "sign", description = "Sign data on the server, e.g. --id UID --algorithm RSA --hashing SHA_256 --padding PKCS1v15.")
final class SignCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the private key.")
    String id;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the signature to FILE, or standard output for '-'.")
    String outFile;

    @Mixin
    CryptoOptions crypto;

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        SignResponsePayload r = crypto.apply(kmip.sign().id(id)).data(data.read(stdin)).execute();
        if (outFile != null && r.signatureData() != null) {
            write(outFile, r.signatureData());
        }
        if (outFile == null || !outFile.equals("-")) {
            print(r, () -> {
                if (outFile == null && r.signatureData() != null) {
                    out().println("signature: " + r.signatureData().toHex());
                }
            });
        }
        return 0;
    }
}
