package io.kmipstack.cli;

import io.kmipstack.client.DecryptCall;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.ttlv.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kmip decrypt}: decrypts on the server; the plaintext goes to {@code --out} or is printed in hex. */
@Command(name = "decrypt", description = "Decrypt data on the server, e.g. --id UID --mode CBC --iv HEX --in FILE --out FILE.")
final class DecryptCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the key.")
    String id;

    @Option(names = "--iv", paramLabel = "HEX", description = "The IV, counter or nonce the encryption used.")
    String iv;

    @Option(names = "--tag", paramLabel = "HEX", description = "The authentication tag (AEAD modes; KMIP 1.4 and later).")
    String tag;

    @Option(names = "--aad", paramLabel = "HEX", description = "Additional authenticated data (AEAD modes).")
    String aad;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the plaintext to FILE, or standard output for '-'.")
    String outFile;

    @Mixin
    CryptoOptions crypto;

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        DecryptCall<DecryptResponsePayload> call = crypto.apply(kmip.decrypt().id(id)).data(data.read(stdin));
        if (iv != null) {
            call.iv(Bytes.wrap(MessageInput.parseHex(iv, "--iv")));
        }
        if (tag != null) {
            call.tag(Bytes.wrap(MessageInput.parseHex(tag, "--tag")));
        }
        if (aad != null) {
            call.aad(Bytes.wrap(MessageInput.parseHex(aad, "--aad")));
        }
        DecryptResponsePayload r = call.execute();
        if (outFile != null && r.data() != null) {
            write(outFile, r.data());
        }
        if (outFile == null || !outFile.equals("-")) {
            print(r, () -> {
                if (outFile == null && r.data() != null) {
                    out().println("data: " + r.data().toHex());
                }
            });
        }
        return 0;
    }
}
