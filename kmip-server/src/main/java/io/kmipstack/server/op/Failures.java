package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.State;

/**
 * The result reasons of failed operations, chosen by protocol version. KMIP 1.x has few reasons
 * and its error tables (1.4 section 11) reuse Item Not Found, Permission Denied, Illegal
 * Operation and Invalid Field for many cases; KMIP 2.0 added precise ones (2.1 section 6.1,
 * "Error Handling" of each operation) such as Object Not Found, Wrong Key Lifecycle State,
 * Attribute Read Only. A 1.x client must never receive a reason its version does not define, so
 * every handler picks reasons here rather than naming them itself. Messages name the object and
 * what was expected; they never carry key material.
 */
public final class Failures {

    private Failures() {
    }

    private static boolean v2(RequestContext ctx) {
        return ctx.version().isV2();
    }

    public static KmipException fail(ResultReason reason, String message) {
        return new KmipException(reason, message);
    }

    /** No such object, or one the requester may not see (the two are indistinguishable by design). */
    public static KmipException notFound(RequestContext ctx, String id) {
        return fail(v2(ctx) ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, "object " + id + ": not found");
    }

    /** The reason for "not found" in {@code version}. */
    public static ResultReason notFoundReason(KmipVersion version) {
        return version.isV2() ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND;
    }

    /** The operation is not permitted in the object's lifecycle state. */
    public static KmipException wrongState(RequestContext ctx, String id, State state, String expected) {
        return fail(v2(ctx) ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED,
                "object " + id + ": state " + state + " (expected: " + expected + ")");
    }

    /** The object's key material is gone (Get, Export of a destroyed object). */
    public static KmipException destroyed(RequestContext ctx, String id, State state) {
        // 1.4 section 11.12: an object of which the server only has attributes -> Illegal Operation.
        return fail(v2(ctx) ? ResultReason.OBJECT_DESTROYED : ResultReason.ILLEGAL_OPERATION,
                "object " + id + ": state " + state + " (its key material is destroyed)");
    }

    /** Destroy of an object already destroyed. */
    public static KmipException alreadyDestroyed(RequestContext ctx, String id, State state) {
        return fail(v2(ctx) ? ResultReason.OBJECT_DESTROYED : ResultReason.PERMISSION_DENIED,
                "object " + id + ": already destroyed (state " + state + ")");
    }

    public static KmipException archived(String id) {
        return fail(ResultReason.OBJECT_ARCHIVED, "object " + id + ": archived (expected: on-line; Recover it first)");
    }

    /** A client tried to set, change or delete an attribute only the server may change. */
    public static KmipException readOnly(RequestContext ctx, String attribute) {
        return fail(v2(ctx) ? ResultReason.ATTRIBUTE_READ_ONLY : ResultReason.PERMISSION_DENIED,
                "attribute " + attribute + ": read-only");
    }

    /** A client tried to delete an attribute that must always have a value. */
    public static KmipException notDeletable(RequestContext ctx, String attribute) {
        return fail(v2(ctx) ? ResultReason.ATTRIBUTE_READ_ONLY : ResultReason.PERMISSION_DENIED,
                "attribute " + attribute + ": cannot be deleted");
    }

    /** A second value for a single-valued attribute. */
    public static KmipException singleValued(RequestContext ctx, String attribute) {
        return fail(v2(ctx) ? ResultReason.ATTRIBUTE_SINGLE_VALUED : ResultReason.ILLEGAL_OPERATION,
                "attribute " + attribute + ": already has a value (single-valued)");
    }

    /** Modify or Set without saying which instance of a multi-valued attribute. */
    public static KmipException multiValued(RequestContext ctx, String attribute, int count) {
        return fail(v2(ctx) ? ResultReason.MULTI_VALUED_ATTRIBUTE : ResultReason.INVALID_FIELD,
                "attribute " + attribute + ": " + count + " instances (expected: the Current Attribute naming one)");
    }

    /**
     * A Name another object already has. {@code creating}: 1.x answers Invalid Field for Create
     * and Register (1.4 tables 328-330), Illegal Operation for Add and Modify Attribute.
     */
    public static KmipException nonUniqueName(RequestContext ctx, String name, boolean creating) {
        ResultReason r = v2(ctx) ? ResultReason.NON_UNIQUE_NAME_ATTRIBUTE
                : creating ? ResultReason.INVALID_FIELD : ResultReason.ILLEGAL_OPERATION;
        return fail(r, "name \"" + name + "\": already in use");
    }

    /**
     * The object has no such attribute. 1.x: Modify answers Invalid Field ("needs to first be
     * added", 1.4 table 342), Delete answers Item Not Found.
     */
    public static KmipException attributeNotFound(RequestContext ctx, String attribute, boolean modify) {
        ResultReason r = v2(ctx) ? ResultReason.ATTRIBUTE_NOT_FOUND
                : modify ? ResultReason.INVALID_FIELD : ResultReason.ITEM_NOT_FOUND;
        return fail(r, "attribute " + attribute + ": not set on the object");
    }

    /** The object has the attribute but not the named instance. */
    public static KmipException instanceNotFound(RequestContext ctx, String attribute, String which) {
        ResultReason r = v2(ctx) ? ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND;
        return fail(r, "attribute " + attribute + ": no instance " + which);
    }

    /** An attribute name or tag the server does not know as an attribute. */
    public static KmipException invalidAttribute(RequestContext ctx, String what) {
        return fail(v2(ctx) ? ResultReason.INVALID_ATTRIBUTE : ResultReason.INVALID_FIELD, what);
    }

    /** A value that does not suit the attribute or the object. */
    public static KmipException invalidAttributeValue(RequestContext ctx, String what) {
        return fail(v2(ctx) ? ResultReason.INVALID_ATTRIBUTE_VALUE : ResultReason.INVALID_FIELD, what);
    }

    /** The reason {@link #invalidAttributeValue} uses, for code that builds its own message. */
    public static ResultReason invalidAttributeValueReason(RequestContext ctx) {
        return v2(ctx) ? ResultReason.INVALID_ATTRIBUTE_VALUE : ResultReason.INVALID_FIELD;
    }

    /** The operation does not apply to objects of this type. */
    public static KmipException invalidObjectType(RequestContext ctx, String what) {
        return fail(v2(ctx) ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.ILLEGAL_OPERATION, what);
    }

    /** The object's Cryptographic Usage Mask does not allow what was asked. */
    public static KmipException incompatibleUsageMask(RequestContext ctx, String what) {
        return fail(v2(ctx) ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED, what);
    }

    public static KmipException invalidField(String what) {
        return fail(ResultReason.INVALID_FIELD, what);
    }

    public static KmipException featureNotSupported(String what) {
        return fail(ResultReason.FEATURE_NOT_SUPPORTED, what);
    }
}
