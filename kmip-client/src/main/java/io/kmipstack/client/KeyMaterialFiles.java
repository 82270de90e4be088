package io.kmipstack.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Reads TLS key material: PEM certificates and private keys with BouncyCastle's parser (PKCS#8,
 * the traditional RSA/EC forms, and their encrypted variants), and PKCS#12 stores with the JDK's
 * KeyStore. Failures name the file and what was expected, never the content. No JCA provider is
 * registered: the converters use the JDK's providers.
 */
final class KeyMaterialFiles {

    private KeyMaterialFiles() {
    }

    /** Every certificate in a PEM file, in order; at least one. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(file + ": not a PEM certificate file (" + e.getClass().getSimpleName() + ")", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no certificate (expected: -----BEGIN CERTIFICATE-----)");
        }
        return Collections.unmodifiableList(out);
    }

    /** The first private key in a PEM file, decrypted with {@code password} when it is encrypted. */
    static PrivateKey privateKey(Path file, char[] password) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    InputDecryptorProvider d = new JceOpenSSLPKCS8DecryptorProviderBuilder().build(requirePassword(file, password));
                    return converter.getPrivateKey(enc.decryptPrivateKeyInfo(d));
                }
                if (o instanceof PEMEncryptedKeyPair enc) {
                    PEMDecryptorProvider d = new JcePEMDecryptorProviderBuilder().build(requirePassword(file, password));
                    return converter.getKeyPair(enc.decryptKeyPair(d)).getPrivate();
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (PEMException | PKCSException | OperatorCreationException e) {
            // The message of a failed decryption can echo parameters, never the key; keep only the kind.
            throw new IllegalArgumentException(file + ": private key cannot be read (wrong password or unsupported format)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a PEM private key file (" + e.getClass().getSimpleName() + ")", e);
        }
        throw new IllegalArgumentException(file + ": no private key (expected: -----BEGIN PRIVATE KEY----- or a traditional RSA/EC key)");
    }

    private static char[] requirePassword(Path file, char[] password) {
        if (password == null) {
            throw new IllegalArgumentException(file + ": private key is encrypted (expected: a password)");
        }
        return password;
    }

    /** The first key entry of a PKCS#12 store: its private key and certificate chain. */
    static KeyAndChain pkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                Key key = ks.getKey(alias, password);
                if (!(key instanceof PrivateKey pk)) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                Certificate[] certs = ks.getCertificateChain(alias);
                for (Certificate c : certs == null ? new Certificate[0] : certs) {
                    chain.add((X509Certificate) c);
                }
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException(file + ": key entry '" + alias + "' has no certificate");
                }
                return new KeyAndChain(pk, List.copyOf(chain));
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": PKCS#12 store cannot be read (wrong password or not PKCS#12)", e);
        }
        throw new IllegalArgumentException(file + ": no private key entry (expected: a PKCS#12 store with a key and certificate)");
    }

    /** A private key and the certificate chain presented with it, leaf first. */
    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        @Override
        public String toString() {
            return "KeyAndChain[" + chain.get(0).getSubjectX500Principal().getName() + ", key redacted]";
        }
    }
}
