package io.kmipstack.server.object;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.server.object.AttributeDef.Change;
import io.kmipstack.server.object.AttributeDef.Origin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every standard attribute of KMIP 1.0 to 2.1 with its rules (KMIP 1.4 section 3, KMIP 2.1
 * section 4), kept as one table. Custom (1.x {@code x-Name}) and vendor (2.x Vendor Attribute)
 * attributes are not in it: they are multi-valued, set, changed and deleted by clients at will.
 */
public final class AttributeDefs {

    // One row per attribute: tag name, instances (1 or *), origin, client change, client delete
    // (yes/no), since, until ("-" = still defined in 2.1). Origin: client | derived | server.
    // Change: never | always | preactive | active (pre-active or active).
    private static final String TABLE = """
            UniqueIdentifier                 1 server  never     no  1.0 -
            Name                             * client  always    yes 1.0 -
            ObjectType                       1 derived never     no  1.0 -
            CryptographicAlgorithm           1 derived never     no  1.0 -
            CryptographicLength              1 derived never     no  1.0 -
            CryptographicParameters          * client  always    yes 1.0 -
            CryptographicDomainParameters    1 client  never     no  1.0 -
            CertificateType                  1 derived never     no  1.0 -
            CertificateLength                1 derived never     no  1.1 -
            X_509CertificateIdentifier       1 server  never     no  1.1 -
            X_509CertificateSubject          1 server  never     no  1.1 -
            X_509CertificateIssuer           1 server  never     no  1.1 -
            CertificateIdentifier            1 server  never     no  1.0 1.4
            CertificateSubject               1 server  never     no  1.0 1.4
            CertificateIssuer                1 server  never     no  1.0 1.4
            DigitalSignatureAlgorithm        * server  never     no  1.1 -
            Digest                           * server  never     no  1.0 -
            OperationPolicyName              1 client  never     no  1.0 1.4
            CryptographicUsageMask           1 client  never     no  1.0 -
            LeaseTime                        1 server  never     no  1.0 -
            UsageLimits                      1 client  always    yes 1.0 -
            State                            1 server  never     no  1.0 -
            InitialDate                      1 server  never     no  1.0 -
            ActivationDate                   1 client  preactive no  1.0 -
            ProcessStartDate                 1 client  active    no  1.0 -
            ProtectStopDate                  1 client  active    no  1.0 -
            DeactivationDate                 1 client  active    no  1.0 -
            DestroyDate                      1 server  never     no  1.0 -
            CompromiseOccurrenceDate         1 server  never     no  1.0 -
            CompromiseDate                   1 server  never     no  1.0 -
            RevocationReason                 1 server  never     no  1.0 -
            ArchiveDate                      1 server  never     no  1.0 -
            ObjectGroup                      * client  always    yes 1.0 -
            Fresh                            1 client  never     no  1.1 -
            Link                             * client  always    yes 1.0 -
            ApplicationSpecificInformation   * client  always    yes 1.0 -
            ContactInformation               1 client  always    yes 1.0 -
            LastChangeDate                   1 server  never     no  1.0 -
            AlternativeName                  * client  always    yes 1.2 -
            KeyValuePresent                  1 server  never     no  1.2 -
            KeyValueLocation                 * client  always    yes 1.2 -
            OriginalCreationDate             1 client  never     no  1.2 -
            RandomNumberGenerator            1 client  never     no  1.3 -
            PKCS_12FriendlyName              1 client  always    yes 1.4 -
            Description                      1 client  always    yes 1.4 -
            Comment                          1 client  always    yes 1.4 -
            Sensitive                        1 client  always    no  1.4 -
            AlwaysSensitive                  1 server  never     no  1.4 -
            Extractable                      1 client  always    no  1.4 -
            NeverExtractable                 1 server  never     no  1.4 -
            KeyFormatType                    1 server  never     no  2.0 -
            ShortUniqueIdentifier            1 server  never     no  2.0 -
            NISTKeyType                      1 client  never     no  2.0 -
            OpaqueDataType                   1 derived never     no  2.0 -
            ProtectionLevel                  1 client  always    yes 2.0 -
            ProtectionPeriod                 1 client  always    yes 2.0 -
            QuantumSafe                      1 client  always    yes 2.0 -
            ProtectionStorageMask            1 server  never     no  2.0 -
            RotateAutomatic                  1 client  never     no  2.1 -
            RotateInterval                   1 client  never     no  2.1 -
            RotateOffset                     1 client  never     no  2.1 -
            RotateName                       1 client  always    yes 2.1 -
            RotateDate                       1 server  never     no  2.1 -
            RotateGeneration                 1 server  never     no  2.1 -
            RotateLatest                     1 server  never     no  2.1 -
            """;

    // The certificate attributes of KMIP 2.1 section 4.6: server-set from the certificate, several
    // instances allowed, attributes only from 2.0 (their tags appeared in 1.4).
    private static final String[] CERTIFICATE_FIELDS = {
        "CN", "O", "OU", "Email", "C", "ST", "L", "UID", "SerialNumber", "Title", "DC", "DNQualifier"};

    private static final Map<Integer, AttributeDef> BY_TAG;
    private static final List<AttributeDef> ALL;

    static {
        Map<Integer, AttributeDef> byTag = new HashMap<>();
        List<AttributeDef> all = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            AttributeDef def = new AttributeDef(tagCode(f[0]), f[1].equals("*"), origin(f[2]), change(f[3]),
                    f[4].equals("yes"), KmipVersion.parse(f[5]), f[6].equals("-") ? null : KmipVersion.parse(f[6]));
            add(byTag, all, def);
        }
        for (String who : new String[] {"Subject", "Issuer"}) {
            for (String field : CERTIFICATE_FIELDS) {
                add(byTag, all, new AttributeDef(tagCode("Certificate" + who + field), true, Origin.SERVER, Change.NEVER,
                        false, KmipVersion.V2_0, null));
            }
        }
        BY_TAG = Map.copyOf(byTag);
        ALL = Collections.unmodifiableList(all);
    }

    private AttributeDefs() {
    }

    private static void add(Map<Integer, AttributeDef> byTag, List<AttributeDef> all, AttributeDef def) {
        if (byTag.put(def.tag(), def) != null) {
            throw new IllegalStateException("attribute table: " + Registry.tagName(def.tag()) + " listed twice");
        }
        all.add(def);
    }

    private static int tagCode(String name) {
        TagDef def = Registry.tagByName(name);
        if (def == null) {
            throw new IllegalStateException("attribute table: unknown tag " + name);
        }
        return def.code();
    }

    private static Origin origin(String s) {
        return switch (s) {
            case "client" -> Origin.CLIENT;
            case "derived" -> Origin.DERIVED;
            case "server" -> Origin.SERVER;
            default -> throw new IllegalStateException("attribute table: origin " + s);
        };
    }

    private static Change change(String s) {
        return switch (s) {
            case "never" -> Change.NEVER;
            case "always" -> Change.ALWAYS;
            case "preactive" -> Change.PRE_ACTIVE;
            case "active" -> Change.PRE_ACTIVE_OR_ACTIVE;
            default -> throw new IllegalStateException("attribute table: change " + s);
        };
    }

    /** The rules of the standard attribute with {@code tag}, or null if {@code tag} names none. */
    public static AttributeDef of(int tag) {
        return BY_TAG.get(tag);
    }

    /** Every standard attribute, in table order. */
    public static List<AttributeDef> all() {
        return ALL;
    }
}
