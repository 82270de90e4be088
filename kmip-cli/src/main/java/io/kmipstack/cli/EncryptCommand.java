package io.kmipstack.cli;

import io.kmipstack.client.EncryptCall;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.ttlv.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kmip encrypt}: encrypts on the server. The ciphertext goes to {@code --out} (or is printed
 * in hex); the IV the server chose and the authentication tag, when there are any, are printed as
 * {@code iv:} and {@code tag:} lines, since decryption needs them.
 */
@Command(name = "encrypt", description = "Encrypt data on the server, e.g. --id UID --mode GCM --in FILE --out FILE.")
final class EncryptCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier of the key.")
    String id;

    @Option(names = "--iv", paramLabel = "HEX", description = "IV, counter or nonce (default: the server chooses).")
    String iv;

    @Option(names = "--aad", paramLabel = "HEX", description = "Additional authenticated data (AEAD modes; KMIP 1.4 and later).")
    String aad;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the ciphertext to FILE, or standard output for '-'.")
    String outFile;

    @Mixin
    CryptoOptions crypto;

    @Mixin
    DataInput data;

    @Override
    int run(KmipSync kmip) throws Exception {
        EncryptCall<EncryptResponsePayload> call = crypto.apply(kmip.encrypt().id(id)).data(data.read(stdin));
        if (iv != null) {
            call.iv(Bytes.wrap(MessageInput.parseHex(iv, "--iv")));
        }
        if (aad != null) {
            call.aad(Bytes.wrap(MessageInput.parseHex(aad, "--aad")));
        }
        EncryptResponsePayload r = call.execute();
        if (outFile != null && r.data() != null) {
            write(outFile, r.data());
        }
        print(r, () -> {
            java.io.PrintWriter w = "-".equals(outFile) ? spec.commandLine().getErr() : out();
            if (outFile == null && r.data() != null) {
                w.println("data: " + r.data().toHex());
            }
            if (r.ivCounterNonce() != null) {
                w.println("iv: " + r.ivCounterNonce().toHex());
            }
            if (r.authenticatedEncryptionTag() != null) {
                w.println("tag: " + r.authenticatedEncryptionTag().toHex());
            }
            w.flush();
        });
        return 0;
    }
}
