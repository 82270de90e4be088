package io.kmipstack.conformance;

import io.kmipstack.server.crypto.Pkcs11Module;
import java.nio.file.Path;

/**
 * Test helper: Debian's SoftHSM2 (package {@code softhsm2}, which {@code bin/test} installs) as the
 * PKCS#11 module behind the server, loaded once per JVM. The library path is
 * {@code /usr/lib/softhsm/libsofthsm2.so} unless {@code -Dkmipstack.pkcs11.library} names another.
 * A missing library fails the tests that need it, saying what to install; it never skips them.
 */
final class SoftHsm {

    static final Path LIBRARY = Path.of(System.getProperty("kmipstack.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so"));

    private static Pkcs11Module module;

    private SoftHsm() {
    }

    static synchronized Pkcs11Module module() {
        if (module == null) {
            module = Pkcs11Module.load(LIBRARY);
        }
        return module;
    }
}
