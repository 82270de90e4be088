package io.kmipstack.cli;

import io.kmipstack.client.GetCall;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.ttlv.Bytes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmip get}: fetches an object. The text form describes it; {@code --out} writes its value
 * (the key bytes in the returned Key Format Type, a certificate's DER, secret data) to a file or
 * standard output, and {@code --json} prints the whole response, key material in hex.
 */
@Command(name = "get", description = "Get an object; --out FILE writes its key material or value.")
final class GetCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier.")
    String id;

    @Option(names = "--key-format", paramLabel = "FORMAT", description = "Key Format Type to ask for, e.g. Raw, PKCS_8, X_509.")
    String keyFormat;

    @Option(names = "--wrap-with", paramLabel = "UID", description = "Return the key wrapped under this key.")
    String wrapWith;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the value to FILE, or standard output for '-'.")
    String outFile;

    @Override
    int run(KmipSync kmip) throws Exception {
        GetCall<GetResponsePayload> call = kmip.get().id(id);
        if (keyFormat != null) {
            call.keyFormat(KmipNames.parse("KeyFormatType", keyFormat, KeyFormatType::valueOf, "--key-format"));
        }
        if (wrapWith != null) {
            call.wrapWith(wrapWith);
        }
        GetResponsePayload r = call.execute();
        if (outFile != null) {
            write(outFile, value(r.managedObject()));
        }
        if (outFile == null || !outFile.equals("-")) {
            print(r, () -> describe(out(), r));
        }
        return 0;
    }

    private static void describe(PrintWriter out, GetResponsePayload r) {
        out.println("unique identifier: " + r.uniqueIdentifier());
        out.println("object type:       " + r.objectType());
        KeyBlock kb = keyBlock(r.managedObject());
        if (kb != null) {
            out.println("key format:        " + kb.keyFormatType());
            if (kb.cryptographicAlgorithm() != null) {
                out.println("algorithm:         " + kb.cryptographicAlgorithm());
            }
            if (kb.cryptographicLength() != null) {
                out.println("length:            " + kb.cryptographicLength());
            }
            if (kb.keyWrappingData() != null) {
                out.println("wrapped:           " + kb.keyWrappingData().wrappingMethod());
            }
        }
    }

    static KeyBlock keyBlock(ManagedObject o) {
        if (o instanceof SymmetricKey k) {
            return k.keyBlock();
        }
        if (o instanceof PrivateKey k) {
            return k.keyBlock();
        }
        if (o instanceof PublicKey k) {
            return k.keyBlock();
        }
        if (o instanceof SecretData k) {
            return k.keyBlock();
        }
        return null;
    }

    /** The bytes {@code --out} writes. */
    static Bytes value(ManagedObject o) {
        if (o instanceof Certificate c) {
            return c.certificateValue();
        }
        if (o instanceof OpaqueObject oo) {
            return oo.opaqueDataValue();
        }
        KeyBlock kb = keyBlock(o);
        if (kb == null || kb.keyValue() == null) {
            throw new CliException("--out: the object has no value to write");
        }
        if (kb.keyValue() instanceof KeyValue.Wrapped w) {
            return w.ciphertext();
        }
        if (kb.keyValue().keyMaterial() instanceof KeyMaterial.Raw raw) {
            return raw.bytes();
        }
        throw new CliException("--out: key format " + kb.keyFormatType() + " is a structure (use --json, or --key-format Raw, PKCS_8 or X_509)");
    }
}
