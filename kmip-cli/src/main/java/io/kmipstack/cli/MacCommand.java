package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.MACResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kmip mac}: a MAC computed on the server; written to {@code --out} or printed in hex. */
@Command(name = "mac", description = "Compute a MAC on the server, e.g. --id UID --algorithm HMAC_SHA256 --in FILE.")
final class MacCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the key.")
    String id;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the MAC to FILE, or standard output for '-'.")
    String outFile;

    @Mixin
    CryptoOptions crypto;

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        MACResponsePayload r = crypto.apply(kmip.mac().id(id)).data(data.read(stdin)).execute();
        if (outFile != null && r.macData() != null) {
            write(outFile, r.macData());
        }
        if (outFile == null || !outFile.equals("-")) {
            print(r, () -> {
                if (outFile == null && r.macData() != null) {
                    out().println("mac: " + r.macData().toHex());
                }
            });
        }
        return 0;
    }
}
