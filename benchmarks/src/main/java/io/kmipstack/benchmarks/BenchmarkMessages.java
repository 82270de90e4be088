package io.kmipstack.benchmarks;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The messages the codec benchmarks run on: two PyKMIP 0.10 wire captures read from the shared
 * vectors folder, and two responses built here with the tag and enumeration codes of KMIP 1.4
 * sections 9.1.3.1 and 9.1.3.2.
 */
final class BenchmarkMessages {

    // KMIP 1.4 section 9.1.3.1, Table 289 (tags).
    static final int RESPONSE_MESSAGE = 0x42007B;
    static final int RESPONSE_HEADER = 0x42007A;
    static final int PROTOCOL_VERSION = 0x420069;
    static final int PROTOCOL_VERSION_MAJOR = 0x42006A;
    static final int PROTOCOL_VERSION_MINOR = 0x42006B;
    static final int TIME_STAMP = 0x420092;
    static final int BATCH_COUNT = 0x42000D;
    static final int BATCH_ITEM = 0x42000F;
    static final int OPERATION = 0x42005C;
    static final int RESULT_STATUS = 0x42007F;
    static final int RESPONSE_PAYLOAD = 0x42007C;
    static final int UNIQUE_IDENTIFIER = 0x420094;
    static final int OBJECT_TYPE = 0x420057;
    static final int PRIVATE_KEY = 0x420064;
    static final int KEY_BLOCK = 0x420040;
    static final int KEY_FORMAT_TYPE = 0x420042;
    static final int KEY_VALUE = 0x420045;
    static final int KEY_MATERIAL = 0x420043;
    static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;
    static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;

    // KMIP 1.4 section 9.1.3.2 (enumerations).
    static final int OPERATION_LOCATE = 0x08;
    static final int OPERATION_GET = 0x0A;
    static final int RESULT_STATUS_SUCCESS = 0x00;
    static final int OBJECT_TYPE_PRIVATE_KEY = 0x04;
    static final int KEY_FORMAT_TYPE_PKCS8 = 0x04;
    static final int CRYPTOGRAPHIC_ALGORITHM_RSA = 0x04;

    // 2012-04-27T08:12:23Z, the time stamp of the KMIP 1.1 test-case responses.
    private static final long TIME = 1_335_514_343L;

    private BenchmarkMessages() {
    }

    /** A PyKMIP 0.10 wire capture, e.g. {@code create_aes256_req}. */
    static byte[] wireCapture(String name) {
        Path file = sharedDir().resolve("ttlv-vectors/pykmip-0.10-wire").resolve(name + ".hex");
        try {
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared folder: system property {@code kmipstack.shared} if set, otherwise the nearest
     * {@code shared/} with TTLV vectors among the working directory and its ancestors (so
     * {@code ../shared} from the repository root, and the same for a git worktree further down).
     */
    static Path sharedDir() {
        String prop = System.getProperty("kmipstack.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/ttlv-vectors"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/ttlv-vectors above " + Path.of("").toAbsolutePath()
                + "; pass -jvmArgsAppend -Dkmipstack.shared=/path/to/shared");
    }

    /** A successful Locate response with {@code count} distinct UUID identifiers. */
    static Ttlv locateResponse(int count) {
        Random random = new Random(42);
        List<Ttlv> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(Ttlv.text(UNIQUE_IDENTIFIER, new UUID(random.nextLong(), random.nextLong()).toString()));
        }
        return response(OPERATION_LOCATE, Ttlv.structure(RESPONSE_PAYLOAD, ids));
    }

    /** A successful Get response holding a fresh RSA-2048 private key as PKCS#8. */
    static Ttlv getRsaPrivateKeyResponse() {
        byte[] pkcs8;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            pkcs8 = gen.generateKeyPair().getPrivate().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Ttlv keyBlock = Ttlv.structure(KEY_BLOCK,
                Ttlv.enumeration(KEY_FORMAT_TYPE, KEY_FORMAT_TYPE_PKCS8),
                Ttlv.structure(KEY_VALUE, Ttlv.bytes(KEY_MATERIAL, Bytes.of(pkcs8))),
                Ttlv.enumeration(CRYPTOGRAPHIC_ALGORITHM, CRYPTOGRAPHIC_ALGORITHM_RSA),
                Ttlv.integer(CRYPTOGRAPHIC_LENGTH, 2048));
        return response(OPERATION_GET, Ttlv.structure(RESPONSE_PAYLOAD,
                Ttlv.enumeration(OBJECT_TYPE, OBJECT_TYPE_PRIVATE_KEY),
                Ttlv.text(UNIQUE_IDENTIFIER, "c2a3e8e4-1d8f-4d2b-9a43-6f1e0b6f2a11"),
                Ttlv.structure(PRIVATE_KEY, keyBlock)));
    }

    private static Ttlv response(int operation, Ttlv payload) {
        Ttlv header = Ttlv.structure(RESPONSE_HEADER,
                Ttlv.structure(PROTOCOL_VERSION,
                        Ttlv.integer(PROTOCOL_VERSION_MAJOR, 1),
                        Ttlv.integer(PROTOCOL_VERSION_MINOR, 4)),
                Ttlv.dateTime(TIME_STAMP, TIME),
                Ttlv.integer(BATCH_COUNT, 1));
        Ttlv batchItem = Ttlv.structure(BATCH_ITEM,
                Ttlv.enumeration(OPERATION, operation),
                Ttlv.enumeration(RESULT_STATUS, RESULT_STATUS_SUCCESS),
                payload);
        return Ttlv.structure(RESPONSE_MESSAGE, header, batchItem);
    }
}
