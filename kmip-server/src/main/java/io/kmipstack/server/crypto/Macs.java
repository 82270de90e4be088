package io.kmipstack.server.crypto;

import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The MACs of MAC and MAC Verify (KMIP 1.4 sections 4.33-4.34, 2.1 sections 6.1.32-6.1.33):
 * HMAC (RFC 2104) with SHA-1, SHA-2, SHA-3 and, for old clients, MD5, from the JDK; CMAC
 * (NIST SP 800-38B, RFC 4493) with AES or Triple DES, from BouncyCastle's lightweight API because
 * the JDK has none. The algorithm is the Cryptographic Parameters' Cryptographic Algorithm, else
 * the key's: an HMAC algorithm means HMAC with the key's bytes, AES or DES3 means CMAC (Block
 * Cipher Mode CMAC or none).
 *
 * <p>{@link #verify} compares in constant time and accepts a truncated MAC only down to
 * {@link MacStream#minimumLength()}: half the HMAC output but at least 80 bits (RFC 2104 section
 * 5), 64 bits for CMAC (SP 800-38B appendix A), so that the party presenting the MAC cannot
 * choose a MAC short enough to guess.
 */
public final class Macs {

    private static final Map<CryptographicAlgorithm, String> HMACS = Map.ofEntries(
            Map.entry(CryptographicAlgorithm.HMAC_SHA1, "HmacSHA1"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA224, "HmacSHA224"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA256, "HmacSHA256"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA384, "HmacSHA384"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA512, "HmacSHA512"),
            Map.entry(CryptographicAlgorithm.HMAC_MD5, "HmacMD5"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA3_224, "HmacSHA3-224"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA3_256, "HmacSHA3-256"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA3_384, "HmacSHA3-384"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA3_512, "HmacSHA3-512"));

    private Macs() {
    }

    /**
     * A MAC of {@code algorithm} (with {@code mode}, for CMAC) under {@code key}.
     *
     * @throws io.kmipstack.codec.KmipException Unsupported Cryptographic Parameters (1.x: Feature
     *     Not Supported) for other algorithms, Bad Cryptographic Parameters (Invalid Field) for a
     *     key the algorithm cannot use
     */
    public static MacStream start(CryptographicAlgorithm algorithm, BlockCipherMode mode, byte[] key, KmipVersion v) {
        if (algorithm == null) {
            throw CryptoFailures.badParameters(v, "cryptographic algorithm: none (expected: an HMAC algorithm, AES or DES3"
                    + " in the Cryptographic Parameters or the key)");
        }
        String hmac = HMACS.get(algorithm);
        if (hmac != null) {
            if (key.length == 0) {
                throw CryptoFailures.badParameters(v, "key: 0 bytes for " + algorithm.name() + " (expected: at least 1)");
            }
            try {
                Mac mac = Mac.getInstance(hmac);
                mac.init(new SecretKeySpec(key, hmac));
                return new JcaMac(mac);
            } catch (GeneralSecurityException e) {
                throw CryptoFailures.unsupportedParameters(v, algorithm.name() + ": not available in this JDK");
            }
        }
        boolean aes = algorithm.equals(CryptographicAlgorithm.AES);
        if (aes || algorithm.equals(CryptographicAlgorithm.DES3)) {
            if (mode != null && !mode.equals(BlockCipherMode.CMAC)) {
                throw CryptoFailures.unsupportedParameters(v, "block cipher mode: " + mode.name() + " for a MAC with "
                        + algorithm.name() + " (expected: CMAC)");
            }
            boolean ok = aes ? key.length == 16 || key.length == 24 || key.length == 32 : key.length == 16 || key.length == 24;
            if (!ok) {
                throw CryptoFailures.badParameters(v, "key: " + key.length * 8 + " bits for " + algorithm.name() + "-CMAC (expected: "
                        + (aes ? "128, 192 or 256" : "128 or 192") + ")");
            }
            CMac cmac = new CMac(aes ? AESEngine.newInstance() : new DESedeEngine());
            cmac.init(new KeyParameter(key));
            return new CmacStream(cmac);
        }
        throw CryptoFailures.unsupportedParameters(v, "MAC algorithm: " + algorithm.name()
                + " (expected: HMAC_SHA1, HMAC_SHA224/256/384/512, HMAC_SHA3_*, HMAC_MD5, or AES / DES3 for CMAC)");
    }

    /**
     * True when {@code presented} is the MAC {@code stream} computes over what it was fed, or an
     * acceptable truncation of it; compared in constant time.
     *
     * @throws io.kmipstack.codec.KmipException Invalid Field when {@code presented} is longer than
     *     the MAC or shorter than {@link MacStream#minimumLength()}
     */
    public static boolean verify(MacStream stream, byte[] presented) {
        int full = stream.length();
        if (presented.length > full || presented.length < stream.minimumLength()) {
            throw CryptoFailures.invalidField("MAC data: " + presented.length + " bytes (expected: " + stream.minimumLength()
                    + " to " + full + ")");
        }
        byte[] mac = stream.finish();
        byte[] prefix = presented.length == mac.length ? mac : java.util.Arrays.copyOf(mac, presented.length);
        return MessageDigest.isEqual(prefix, presented);
    }

    private static final class JcaMac implements MacStream {
        private final Mac mac;

        JcaMac(Mac mac) {
            this.mac = mac;
        }

        @Override
        public void update(byte[] input) {
            mac.update(input);
        }

        @Override
        public byte[] finish() {
            return mac.doFinal();
        }

        @Override
        public int length() {
            return mac.getMacLength();
        }

        @Override
        public int minimumLength() {
            return Math.max(10, mac.getMacLength() / 2);
        }
    }

    private static final class CmacStream implements MacStream {
        private final CMac cmac;

        CmacStream(CMac cmac) {
            this.cmac = cmac;
        }

        @Override
        public void update(byte[] input) {
            cmac.update(input, 0, input.length);
        }

        @Override
        public byte[] finish() {
            byte[] out = new byte[cmac.getMacSize()];
            cmac.doFinal(out, 0);
            return out;
        }

        @Override
        public int length() {
            return cmac.getMacSize();
        }

        @Override
        public int minimumLength() {
            return 8;
        }
    }
}
