package io.kmipstack.server.crypto;

import io.kmipstack.codec.ttlv.Bytes;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS#11 module (a token library such as SoftHSM2's {@code libsofthsm2.so}) loaded through the
 * JDK's own PKCS#11 wrapper, which its SunPKCS11 provider uses. That wrapper is internal: the JVM
 * must run with {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED};
 * {@link #load} says so when it is missing rather than failing later per request. The module is
 * initialized once (C_Initialize) when loaded and stays so for the life of the process, because
 * the JDK keeps one initialized instance per library.
 *
 * <p>Only what the KMIP PKCS#11 profile's test case needs is offered: the library's CK_INFO
 * (C_GetInfo), encoded as that profile writes it (KMIP profiles 2.1, PKCS11-M-1-21: version,
 * manufacturer, flags as 8 bytes, description, library version; 76 bytes).
 */
public final class Pkcs11Module {

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.PKCS11";
    /** The runtime option the wrapper needs. */
    public static final String ADD_EXPORTS = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private final Path library;
    private final Object pkcs11;
    private final Method getInfo;

    private Pkcs11Module(Path library, Object pkcs11, Method getInfo) {
        this.library = library;
        this.pkcs11 = pkcs11;
        this.getInfo = getInfo;
    }

    /**
     * Loads and initializes {@code library}.
     *
     * @throws IllegalStateException when the file is missing, the JVM lacks {@link #ADD_EXPORTS},
     *     or the module does not initialize
     */
    public static Pkcs11Module load(Path library) {
        Objects.requireNonNull(library, "library");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("PKCS#11 library: " + library + " not found (expected: a module such as"
                    + " /usr/lib/softhsm/libsofthsm2.so from Debian's softhsm2)");
        }
        try {
            Class<?> c = Class.forName(WRAPPER);
            Method getInstance = c.getMethod("getInstance", String.class, String.class,
                    Class.forName("sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS"), boolean.class);
            Object p = getInstance.invoke(null, library.toString(), "C_GetFunctionList", null, false);
            return new Pkcs11Module(library, p, c.getMethod("C_GetInfo"));
        } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("PKCS#11: the JDK's wrapper is not accessible (expected: the JVM option "
                    + ADD_EXPORTS + ")", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("PKCS#11 library " + library + ": does not initialize ("
                    + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
    }

    public Path library() {
        return library;
    }

    /** C_GetInfo: the library's CK_INFO in the profile's 76-byte encoding. */
    public Bytes info() {
        try {
            Object info = getInfo.invoke(pkcs11);
            ByteBuffer b = ByteBuffer.allocate(76);
            version(b, field(info, "cryptokiVersion"));
            b.put(padded((char[]) field(info, "manufacturerID")));
            b.putLong((Long) field(info, "flags"));
            b.put(padded((char[]) field(info, "libraryDescription")));
            version(b, field(info, "libraryVersion"));
            return Bytes.wrap(b.array());
        } catch (IllegalAccessException | NoSuchFieldException e) {
            throw new IllegalStateException("PKCS#11 CK_INFO: not readable", e);
        } catch (InvocationTargetException e) {
            throw new Pkcs11Exception(e.getCause());
        }
    }

    private static void version(ByteBuffer b, Object version) throws IllegalAccessException, NoSuchFieldException {
        b.put((Byte) field(version, "major"));
        b.put((Byte) field(version, "minor"));
    }

    // CK_UTF8CHAR[32], blank padded (PKCS#11 section 3.1).
    private static byte[] padded(char[] text) {
        byte[] out = new byte[32];
        java.util.Arrays.fill(out, (byte) ' ');
        for (int i = 0; i < Math.min(32, text.length); i++) {
            out[i] = (byte) text[i];
        }
        return out;
    }

    private static Object field(Object o, String name) throws IllegalAccessException, NoSuchFieldException {
        Field f = o.getClass().getField(name);
        return f.get(o);
    }

    /** A PKCS#11 call failed in the module; {@link #returnCode} is its CK_RV. */
    public static final class Pkcs11Exception extends RuntimeException {

        private final long returnCode;

        Pkcs11Exception(Throwable cause) {
            super("PKCS#11 call failed", cause);
            long rv = 0x05; // CKR_GENERAL_ERROR
            try {
                rv = (Long) cause.getClass().getMethod("getErrorCode").invoke(cause);
            } catch (ReflectiveOperationException | ClassCastException ignored) {
                // not a PKCS11Exception: the general error stands
            }
            this.returnCode = rv;
        }

        public long returnCode() {
            return returnCode;
        }
    }
}
