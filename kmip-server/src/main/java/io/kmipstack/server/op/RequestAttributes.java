package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.AlternativeName;
import io.kmipstack.codec.model.ApplicationSpecificInformation;
import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.Attributes;
import io.kmipstack.codec.model.CryptographicDomainParameters;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.Digest;
import io.kmipstack.codec.model.KeyValueLocation;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.model.RotateName;
import io.kmipstack.codec.model.Template;
import io.kmipstack.codec.model.TemplateAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.payload.RNGParameters;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.store.LocateQuery;
import io.kmipstack.server.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the attributes a request carries into the version-neutral form: a 1.x Template-Attribute
 * (its named Templates first, then its own Attribute structures; KMIP 1.4 section 2.1.8) or a 2.x
 * Attributes structure. Every attribute is checked to be a known attribute of the request's
 * version (or a custom/vendor one) with a value of the right type and shape, so the handlers can
 * trust what they read.
 */
final class RequestAttributes {

    private static final Map<Integer, Function<Ttlv, ?>> STRUCTURES = Map.ofEntries(
            Map.entry(Tag.NAME, Name::decode),
            Map.entry(Tag.ALTERNATIVE_NAME, AlternativeName::decode),
            Map.entry(Tag.LINK, Link::decode),
            Map.entry(Tag.DIGEST, Digest::decode),
            Map.entry(Tag.USAGE_LIMITS, UsageLimits::decode),
            Map.entry(Tag.REVOCATION_REASON, RevocationReason::decode),
            Map.entry(Tag.APPLICATION_SPECIFIC_INFORMATION, ApplicationSpecificInformation::decode),
            Map.entry(Tag.KEY_VALUE_LOCATION, KeyValueLocation::decode),
            Map.entry(Tag.CRYPTOGRAPHIC_PARAMETERS, CryptographicParameters::decode),
            Map.entry(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, CryptographicDomainParameters::decode),
            Map.entry(Tag.RANDOM_NUMBER_GENERATOR, RNGParameters::decode),
            Map.entry(Tag.ROTATE_NAME, RotateName::decode));

    private RequestAttributes() {
    }

    /** The attributes of a 1.x Template-Attribute or 2.x Attributes (whichever is present; none gives an empty list). */
    static List<KmipAttribute> of(RequestContext ctx, TemplateAttribute template, Attributes attributes) {
        List<KmipAttribute> out = new ArrayList<>();
        if (template != null) {
            // The request's own attributes override the named templates' (a later template's
            // override an earlier one's) where only one value may exist (1.4 section 2.1.8).
            for (Name templateName : template.name()) {
                out = CreateKeyPairHandler.merge(out, fromTemplate(ctx, templateName));
            }
            List<KmipAttribute> own = new ArrayList<>();
            for (Attribute a : template.attribute()) {
                own.add(of(ctx, a));
            }
            out = CreateKeyPairHandler.merge(out, own);
        }
        if (attributes != null) {
            for (Ttlv item : attributes.items()) {
                out.add(of(ctx, item));
            }
        }
        return out;
    }

    /** One 1.x Attribute structure (a 2.x Vendor Attribute too). */
    static KmipAttribute of(RequestContext ctx, Attribute attribute) {
        if (attribute.attributeValue() == null) {
            throw Failures.invalidField("attribute " + attribute.attributeName() + ": no Attribute Value");
        }
        KmipAttribute a;
        try {
            a = KmipAttribute.fromAttribute(attribute);
        } catch (IllegalArgumentException e) {
            throw Failures.invalidAttribute(ctx, "attribute name: " + attribute.attributeName()
                    + " (expected: a standard attribute name, or a custom name such as x-Name)");
        }
        check(ctx, a);
        return new KmipAttribute(resolveLink(ctx, a.item()), null);
    }

    /** One 2.x attribute item (its own tag, or an Attribute structure for a vendor attribute). */
    static KmipAttribute of(RequestContext ctx, Ttlv item) {
        if (item.tag() == Tag.ATTRIBUTE) {
            Attribute vendor;
            try {
                vendor = Attribute.decode(item);
            } catch (KmipException e) {
                throw Failures.invalidField("vendor attribute: malformed (" + e.getMessage() + ")");
            }
            if (vendor.vendorIdentification() == null) {
                throw Failures.invalidField("vendor attribute " + vendor.attributeName() + ": no Vendor Identification");
            }
            return of(ctx, vendor);
        }
        KmipAttribute a = KmipAttribute.of(item);
        check(ctx, a);
        return KmipAttribute.of(resolveLink(ctx, item));
    }

    /**
     * A 2.x Link may name its target by an ID Placeholder enumeration or an index into the
     * batch's identifiers (2.1 Table 90); what is stored is the identifier it stands for.
     */
    private static Ttlv resolveLink(RequestContext ctx, Ttlv item) {
        if (item.tag() != Tag.LINK) {
            return item;
        }
        Link link = Link.decode(item);
        if (link.linkedObjectIdentifier() instanceof UniqueIdentifier.Text) {
            return item;
        }
        String target = ObjectAccess.load(ctx, link.linkedObjectIdentifier()).uniqueIdentifier();
        return new Link(link.linkType(), UniqueIdentifier.of(target)).encode(Tag.LINK, KmipVersion.V2_1);
    }

    /**
     * Checks that {@code a} is an attribute of the request's version with a well-formed value.
     *
     * @throws KmipException Invalid Attribute (Invalid Field in 1.x) or Invalid Field
     */
    static void check(RequestContext ctx, KmipAttribute a) {
        if (a.isVendor()) {
            return;
        }
        AttributeDef def = AttributeKey.of(a.tag()).def();
        if (def == null || !def.definedIn(ctx.version())) {
            throw Failures.invalidAttribute(ctx, "attribute " + Registry.tagName(a.tag()) + ": not an attribute in KMIP "
                    + ctx.version());
        }
        TagDef tag = Registry.tag(a.tag());
        Ttlv value = a.item();
        if (tag != null && tag.type() != null && tag.type() != value.type()) {
            throw Failures.invalidField("attribute " + def.specName() + ": type " + value.type().xmlName() + " (expected: "
                    + tag.type().xmlName() + ")");
        }
        // TTLV allows any 64-bit Date-Time; java.time, which every date attribute goes through, does not.
        if (value.type() == ItemType.DATE_TIME && (value.longValue() < Instant.MIN.getEpochSecond()
                || value.longValue() > Instant.MAX.getEpochSecond())) {
            throw Failures.invalidField("attribute " + def.specName() + ": DateTime value " + value.longValue()
                    + " (expected: " + Instant.MIN.getEpochSecond() + " to " + Instant.MAX.getEpochSecond() + ")");
        }
        Function<Ttlv, ?> decoder = STRUCTURES.get(a.tag());
        if (decoder != null) {
            try {
                decoder.apply(value);
            } catch (KmipException | IllegalArgumentException e) {
                throw Failures.invalidField("attribute " + def.specName() + ": malformed (" + e.getMessage() + ")");
            }
        }
    }

    // The attributes of the Template object named templateName, visible to the requester.
    private static List<KmipAttribute> fromTemplate(RequestContext ctx, Name templateName) {
        LocateQuery q = new LocateQuery(ctx.isAdmin() ? null : ctx.identity(), ObjectType.TEMPLATE,
                List.of(KmipAttribute.of(templateName.encode(Tag.NAME, ctx.version()))), 0, null);
        for (String id : ctx.store().locate(q)) {
            Optional<StoredObject> stored = ctx.store().get(id);
            if (stored.isEmpty() || !ctx.mayAccess(stored.get())) {
                continue;
            }
            KmipObject o = KmipObject.of(stored.get(), ObjectAccess.now(ctx));
            if (ObjectAccess.isArchived(o)) {
                throw Failures.archived(o.uniqueIdentifier());
            }
            if (o.content() instanceof Template t) {
                List<KmipAttribute> out = new ArrayList<>();
                for (Attribute a : t.attribute()) {
                    // A Template's own Name is the template's, not the new object's.
                    if (!"Name".equals(a.attributeName())) {
                        out.add(of(ctx, a));
                    }
                }
                return out;
            }
        }
        throw Failures.notFound(ctx, "template \"" + templateName.nameValue() + "\"");
    }
}
