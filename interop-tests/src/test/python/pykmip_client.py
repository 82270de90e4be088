#!/usr/bin/python3
"""Drives PyKMIP 0.10's client against a KMIP server at one protocol version.

Run by PyKmipClientIT (interop-tests) with /usr/bin/python3, Debian's python3-pykmip. Reads one
JSON document on standard input (connection settings, the version, a run tag for unique names,
and the test material the Java side chose: keys, plaintext, IVs), runs a fixed sequence of steps
with kmip.pie.client.ProxyKmipClient and the lower-level kmip.services.kmip_client.KMIPProxy it
wraps, and prints one JSON document on standard output:

    {"version": "1.4", "steps": {"create": {"ok": true, ...}, "get": {"ok": false, "error": {...}}}}

A step either succeeds ("ok": true plus the values the Java side checks), fails ("ok": false
with the error's type, and for a KMIP failure its status, reason and message), or is skipped
("skipped": why) when a step it needs failed. The script never decides whether a result is
right: the Java test does, by value. Key material never goes to standard output: keys got back
are reported as SHA-256 digests (wrapped keys and ciphertexts are reported as they are).
"""

import hashlib
import json
import logging
import sys
import traceback

from kmip.core import enums
from kmip.core import exceptions as core_exceptions
from kmip.core import objects as cobjects
from kmip.core import primitives
from kmip.core.factories import attributes as attribute_factories
from kmip.core.messages import payloads
from kmip.pie import client as pie_client
from kmip.pie import exceptions as pie_exceptions
from kmip.pie import objects as pobjects

VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

ATTRIBUTES = attribute_factories.AttributeFactory()
M = enums.CryptographicUsageMask


class Skip(Exception):
    """A step that cannot run because a step it needs did not succeed."""


def error_of(e):
    """The JSON form of a failure: KMIP status/reason/message where there is one."""
    out = {"type": type(e).__name__, "message": str(e)}
    status = getattr(e, "status", None)
    reason = getattr(e, "reason", None)
    if isinstance(status, enums.ResultStatus):
        out["status"] = status.name
    if isinstance(reason, enums.ResultReason):
        out["reason"] = reason.name
    if isinstance(e, pie_exceptions.KmipOperationFailure) or isinstance(e, core_exceptions.OperationFailure):
        out["message"] = getattr(e, "message", None) or str(e)
    return out


def plain(value):
    """An attribute value as JSON: enumerations by name, structures by their fields."""
    if value is None:
        return None
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, enums.enum.Enum):
        return value.name
    if isinstance(value, (str, int, bool, float)):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "name_value"):
        return plain(value.name_value)
    if isinstance(value, primitives.Base) and hasattr(value, "value"):
        return plain(value.value)
    return str(value)


def attributes_of(attribute_list):
    """Core Attribute objects as {name: [values in index order]}."""
    out = {}
    for a in attribute_list:
        out.setdefault(a.attribute_name.value, []).append(plain(a.attribute_value))
    return out


def sha256(b):
    return hashlib.sha256(b).hexdigest()


class Run:
    def __init__(self, cfg):
        self.cfg = cfg
        self.version = cfg["version"]
        self.v = VERSIONS[self.version]
        self.tag = cfg["tag"]
        self.steps = {}
        self.client = pie_client.ProxyKmipClient(
            hostname=cfg["host"],
            port=cfg["port"],
            cert=cfg["cert"],
            key=cfg["key"],
            ca=cfg["ca"],
            ssl_version="PROTOCOL_TLSv1_2",
            # No configuration file: every setting comes from these arguments.
            config_file="/dev/null",
            kmip_version=self.v,
        )
        self.proxy = self.client.proxy

    def b(self, name):
        return bytes.fromhex(self.cfg[name])

    def step(self, name, fn, *needs):
        """Runs fn and records its result under name; needs are steps that must have succeeded."""
        missing = [n for n in needs if not self.steps.get(n, {}).get("ok")]
        if missing:
            self.steps[name] = {"skipped": "needs " + ", ".join(missing)}
            return
        try:
            result = fn() or {}
            result["ok"] = True
            self.steps[name] = result
        except Exception as e:  # every failure is a result to report, never a crash
            self.steps[name] = {"ok": False, "error": error_of(e)}
            logging.debug("%s failed: %s", name, traceback.format_exc())

    def value(self, step, field):
        return self.steps[step][field]

    def names(self, suffix):
        return "pykmip-" + self.tag + "-" + suffix

    # -- steps --------------------------------------------------------------------------------

    def discover_versions(self):
        r = self.proxy.discover_versions()
        self.check(r)
        return {"versions": ["%d.%d" % (p.major, p.minor) for p in r.protocol_versions]}

    def discover_versions_raw(self):
        """The same request through KMIPProxy's generic path, which reports a failed result as such."""
        r = self.proxy.send_request_payload(enums.Operation.DISCOVER_VERSIONS,
                                            payloads.DiscoverVersionsRequestPayload())
        return {"versions": ["%d.%d" % (p.major, p.minor) for p in r.protocol_versions]}

    def query(self):
        r = self.proxy.query(query_functions=[
            enums.QueryFunction.QUERY_OPERATIONS,
            enums.QueryFunction.QUERY_OBJECTS,
            enums.QueryFunction.QUERY_SERVER_INFORMATION,
        ])
        self.check(r)
        return {
            "operations": [plain(o) for o in (r.operations or [])],
            "object_types": [plain(o) for o in (r.object_types or [])],
            "vendor": plain(r.vendor_identification),
        }

    @staticmethod
    def check(result):
        status = result.result_status.value
        if status != enums.ResultStatus.SUCCESS:
            raise pie_exceptions.KmipOperationFailure(
                status, result.result_reason.value,
                result.result_message.value if result.result_message else None)

    def create(self):
        uid = self.client.create(enums.CryptographicAlgorithm.AES, 256, name=self.names("aes"),
                                 cryptographic_usage_mask=[M.ENCRYPT, M.DECRYPT])
        return {"uid": uid}

    def get_attributes_named(self):
        uid, attrs = self.client.get_attributes(self.value("create", "uid"), [
            "Object Type", "Cryptographic Algorithm", "Cryptographic Length",
            "Cryptographic Usage Mask", "Name", "State"])
        return {"uid": uid, "attributes": attributes_of(attrs)}

    def get_attributes_all(self):
        uid, attrs = self.client.get_attributes(self.value("create", "uid"))
        return {"uid": uid, "attributes": attributes_of(attrs)}

    def get_attribute_list(self):
        return {"names": list(self.client.get_attribute_list(self.value("create", "uid")))}

    def get(self):
        key = self.client.get(self.value("create", "uid"))
        return {"object_type": key.object_type.name, "algorithm": key.cryptographic_algorithm.name,
                "length": key.cryptographic_length, "value_sha256": sha256(key.value),
                "value_length": len(key.value)}

    def locate_by_name(self):
        name = ATTRIBUTES.create_attribute(enums.AttributeType.NAME, self.names("aes"))
        return {"uids": list(self.client.locate(attributes=[name]))}

    def activate(self):
        """A second AES key for the life cycle (Activate, Revoke, Destroy): the first one stays for the Java side to read."""
        uid = self.client.create(enums.CryptographicAlgorithm.AES, 128, name=self.names("life"),
                                 cryptographic_usage_mask=[M.ENCRYPT])
        before = self.state(uid)
        self.client.activate(uid)
        return {"uid": uid, "before": before, "state": self.state(uid)}

    def state(self, uid):
        _, attrs = self.client.get_attributes(uid, ["State"])
        return attributes_of(attrs)["State"][0]

    def register(self, obj, digest_of):
        uid = self.client.register(obj)
        got = self.client.get(uid)
        out = {"uid": uid, "object_type": got.object_type.name, "value_sha256": sha256(digest_of(got))}
        return out

    def register_symmetric_key(self):
        key = pobjects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, self.b("aes_key"),
                                    [M.ENCRYPT, M.DECRYPT], self.names("reg-aes"))
        return self.register(key, lambda o: o.value)

    def register_public_key(self):
        key = pobjects.PublicKey(enums.CryptographicAlgorithm.RSA, 2048, self.b("rsa_public_spki"),
                                 enums.KeyFormatType.X_509, [M.VERIFY], self.names("reg-pub"))
        return self.register(key, lambda o: o.value)

    def register_private_key(self):
        key = pobjects.PrivateKey(enums.CryptographicAlgorithm.RSA, 2048, self.b("rsa_private_pkcs8"),
                                  enums.KeyFormatType.PKCS_8, [M.SIGN], self.names("reg-priv"))
        return self.register(key, lambda o: o.value)

    def register_certificate(self):
        cert = pobjects.X509Certificate(self.b("certificate"), [M.VERIFY], self.names("reg-cert"))
        return self.register(cert, lambda o: o.value)

    def register_secret_data(self):
        secret = pobjects.SecretData(self.b("secret"), enums.SecretDataType.PASSWORD, [M.VERIFY],
                                     self.names("reg-secret"))
        return self.register(secret, lambda o: o.value)

    def register_opaque_object(self):
        opaque = pobjects.OpaqueObject(self.b("opaque"), enums.OpaqueDataType.NONE, self.names("reg-opaque"))
        return self.register(opaque, lambda o: o.value)

    def register_split_key(self):
        split = pobjects.SplitKey(
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=128,
            key_value=self.b("split_part"), cryptographic_usage_masks=[M.ENCRYPT, M.DECRYPT],
            name=self.names("reg-split"), split_key_parts=3, key_part_identifier=1,
            split_key_threshold=2, split_key_method=enums.SplitKeyMethod.XOR)
        return self.register(split, lambda o: o.value)

    def locate_filtered(self):
        """Three secret data objects in one object group; Locate by group and type, then paged."""
        group = self.names("group")
        uids = []
        for i in range(3):
            template = cobjects.TemplateAttribute(attributes=[
                ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, [M.VERIFY]),
                ATTRIBUTES.create_attribute(enums.AttributeType.NAME, self.names("member-%d" % i)),
                ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_GROUP, group),
            ])
            secret = pobjects.SecretData(self.b("secret"), enums.SecretDataType.SEED)
            result = self.proxy.register(enums.ObjectType.SECRET_DATA, template,
                                         self.client.object_factory.convert(secret))
            self.check(result)
            uids.append(result.uuid)
        by_group = [ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_GROUP, group),
                    ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SECRET_DATA)]
        out = {"registered": uids, "all": list(self.client.locate(attributes=by_group))}
        out["first_two"] = list(self.client.locate(maximum_items=2, attributes=by_group))
        # Offset Items is a KMIP 1.3 field: PyKMIP writes it only from 1.3 (see the README).
        out["offset_two"] = list(self.client.locate(offset_items=2, maximum_items=2, attributes=by_group))
        other_type = [ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_GROUP, group),
                      ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SYMMETRIC_KEY)]
        out["other_type"] = list(self.client.locate(attributes=other_type))
        return out

    def attribute_target(self):
        """A secret data object with two names and an object group, for the attribute edits."""
        template = cobjects.TemplateAttribute(attributes=[
            ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, [M.VERIFY]),
            ATTRIBUTES.create_attribute(enums.AttributeType.NAME, self.names("first"), 0),
            ATTRIBUTES.create_attribute(enums.AttributeType.NAME, self.names("second"), 1),
        ])
        secret = pobjects.SecretData(self.b("secret"), enums.SecretDataType.PASSWORD)
        result = self.proxy.register(enums.ObjectType.SECRET_DATA, template, self.client.object_factory.convert(secret))
        self.check(result)
        return {"uid": result.uuid, "names": self.names_of(result.uuid)}

    def names_of(self, uid):
        _, attrs = self.client.get_attributes(uid, ["Name"])
        return attributes_of(attrs).get("Name", [])

    def modify_attribute(self):
        uid = self.value("attribute_target", "uid")
        renamed = self.names("renamed")
        if self.v >= enums.KMIPVersion.KMIP_2_0:
            current = cobjects.CurrentAttribute(attribute=self.name_value(self.names("first")))
            new = cobjects.NewAttribute(attribute=self.name_value(renamed))
            self.client.modify_attribute(uid, current_attribute=current, new_attribute=new)
        else:
            attribute = ATTRIBUTES.create_attribute(enums.AttributeType.NAME, renamed, 0)
            self.client.modify_attribute(uid, attribute=attribute)
        return {"names": self.names_of(uid)}

    @staticmethod
    def name_value(text):
        return ATTRIBUTES.value_factory.create_attribute_value(enums.AttributeType.NAME, text)

    def delete_attribute(self):
        uid = self.value("attribute_target", "uid")
        if self.v >= enums.KMIPVersion.KMIP_2_0:
            current = cobjects.CurrentAttribute(attribute=self.name_value(self.names("second")))
            self.client.delete_attribute(uid, current_attribute=current)
        else:
            self.client.delete_attribute(uid, attribute_name="Name", attribute_index=1)
        return {"names": self.names_of(uid)}

    def set_attribute(self):
        # Set Attribute is a KMIP 2.0 operation; PyKMIP's client refuses it before.
        uid = self.value("attribute_target", "uid")
        self.client.set_attribute(uid, attribute_name="Sensitive", attribute_value=True)
        _, attrs = self.client.get_attributes(uid, ["Sensitive"])
        return {"sensitive": attributes_of(attrs).get("Sensitive")}

    def active_key(self, key_name, algorithm, length, masks, suffix):
        key = pobjects.SymmetricKey(algorithm, length, self.b(key_name), masks, self.names(suffix))
        uid = self.client.register(key)
        self.client.activate(uid)
        return uid

    def encrypt_cbc(self):
        uid = self.active_key("aes_key", enums.CryptographicAlgorithm.AES, 256, [M.ENCRYPT, M.DECRYPT], "cbc")
        params = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
                  "block_cipher_mode": enums.BlockCipherMode.CBC,
                  "padding_method": enums.PaddingMethod.PKCS5}
        data, iv = self.client.encrypt(self.b("plaintext"), uid, params, self.b("cbc_iv"))
        plain_back = self.client.decrypt(data, uid, params, self.b("cbc_iv"))
        return {"uid": uid, "ciphertext": data.hex(), "server_iv": iv.hex() if iv else None,
                "decrypted": plain_back.hex()}

    def gcm_parameters(self):
        return cobjects.CryptographicParameters(
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
            block_cipher_mode=enums.BlockCipherMode.GCM, tag_length=16)

    def encrypt_gcm(self):
        # ProxyKmipClient has no AAD or tag arguments: the payloads go through KMIPProxy.
        uid = self.active_key("aes_key", enums.CryptographicAlgorithm.AES, 256, [M.ENCRYPT, M.DECRYPT], "gcm")
        enc = self.proxy.send_request_payload(enums.Operation.ENCRYPT, payloads.EncryptRequestPayload(
            unique_identifier=uid, cryptographic_parameters=self.gcm_parameters(), data=self.b("plaintext"),
            iv_counter_nonce=self.b("gcm_iv"), auth_additional_data=self.b("aad")))
        dec = self.proxy.send_request_payload(enums.Operation.DECRYPT, payloads.DecryptRequestPayload(
            unique_identifier=uid, cryptographic_parameters=self.gcm_parameters(), data=enc.data,
            iv_counter_nonce=self.b("gcm_iv"), auth_additional_data=self.b("aad"), auth_tag=enc.auth_tag))
        return {"uid": uid, "ciphertext": enc.data.hex(), "tag": enc.auth_tag.hex() if enc.auth_tag else None,
                "decrypted": dec.data.hex()}

    def encrypt_gcm_server_iv(self):
        """GCM without an IV: the server picks one; its length is what the Java side checks."""
        uid = self.value("encrypt_gcm", "uid")
        enc = self.proxy.send_request_payload(enums.Operation.ENCRYPT, payloads.EncryptRequestPayload(
            unique_identifier=uid, cryptographic_parameters=self.gcm_parameters(), data=self.b("plaintext")))
        iv = enc.iv_counter_nonce
        dec = self.proxy.send_request_payload(enums.Operation.DECRYPT, payloads.DecryptRequestPayload(
            unique_identifier=uid, cryptographic_parameters=self.gcm_parameters(), data=enc.data,
            iv_counter_nonce=iv, auth_tag=enc.auth_tag))
        return {"iv_length": len(iv) if iv else None, "decrypted": dec.data.hex()}

    def mac(self):
        uid = self.active_key("hmac_key", enums.CryptographicAlgorithm.HMAC_SHA256, 256, [M.MAC_GENERATE], "mac")
        _, mac = self.client.mac(self.b("plaintext"), uid, enums.CryptographicAlgorithm.HMAC_SHA256)
        return {"uid": uid, "mac": mac.hex()}

    def create_key_pair(self):
        pub, priv = self.client.create_key_pair(
            enums.CryptographicAlgorithm.RSA, 2048,
            public_name=self.names("rsa-pub"), public_usage_mask=[M.VERIFY],
            private_name=self.names("rsa-priv"), private_usage_mask=[M.SIGN])
        public = self.client.get(pub)
        return {"public_uid": pub, "private_uid": priv, "public_format": public.key_format_type.name,
                "public_key": public.value.hex()}

    def sign_verify(self):
        pub = self.value("create_key_pair", "public_uid")
        priv = self.value("create_key_pair", "private_uid")
        self.client.activate(pub)
        self.client.activate(priv)
        params = {"cryptographic_algorithm": enums.CryptographicAlgorithm.RSA,
                  "hashing_algorithm": enums.HashingAlgorithm.SHA_256,
                  "padding_method": enums.PaddingMethod.PKCS1v15}
        signature = self.client.sign(self.b("plaintext"), priv, params)
        valid = self.client.signature_verify(self.b("plaintext"), signature, pub, params)
        tampered = bytearray(self.b("plaintext"))
        tampered[0] ^= 1
        invalid = self.client.signature_verify(bytes(tampered), signature, pub, params)
        return {"signature": signature.hex(), "valid": valid.name, "tampered": invalid.name}

    def derive_key(self):
        base = pobjects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, self.b("derive_base"),
                                     [M.DERIVE_KEY], self.names("derive-base"))
        base_uid = self.client.register(base)
        # A Pre-Active object SHALL NOT be used for any cryptographic purpose (KMIP 1.4 section 3.22).
        self.client.activate(base_uid)
        uid = self.client.derive_key(
            enums.ObjectType.SYMMETRIC_KEY, [base_uid], enums.DerivationMethod.PBKDF2,
            {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
             "salt": self.b("salt"), "iteration_count": self.cfg["iterations"]},
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=128)
        derived = self.client.get(uid)
        return {"uid": uid, "length": derived.cryptographic_length, "value_sha256": sha256(derived.value)}

    def get_wrapped(self):
        # The wrapping key carries the Cryptographic Parameters the request names: a server SHALL check them
        # against the key's attribute (KMIP 1.4 section 2.1.6).
        template = cobjects.TemplateAttribute(attributes=[
            ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, [M.WRAP_KEY]),
            ATTRIBUTES.create_attribute(enums.AttributeType.NAME, self.names("kek")),
            ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_PARAMETERS,
                                        {"block_cipher_mode": enums.BlockCipherMode.NIST_KEY_WRAP}),
        ])
        kek = pobjects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, self.b("wrapping_key"))
        result = self.proxy.register(enums.ObjectType.SYMMETRIC_KEY, template, self.client.object_factory.convert(kek))
        self.check(result)
        wrapping = result.uuid
        self.client.activate(wrapping)
        target = self.value("register_symmetric_key", "uid")
        wrapped = self.client.get(target, key_wrapping_specification={
            "wrapping_method": enums.WrappingMethod.ENCRYPT,
            "encryption_key_information": {
                "unique_identifier": wrapping,
                "cryptographic_parameters": {"block_cipher_mode": enums.BlockCipherMode.NIST_KEY_WRAP},
            },
            "encoding_option": enums.EncodingOption.NO_ENCODING,
        })
        data = wrapped.key_wrapping_data or {}
        return {"wrapped": wrapped.value.hex(), "wrapping_method": plain(data.get("wrapping_method")),
                "wrapping_key": (data.get("encryption_key_information") or {}).get("unique_identifier")}

    def revoke(self):
        uid = self.value("activate", "uid")
        self.client.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, uid)
        return {"state": self.state(uid)}

    def destroy(self):
        uid = self.value("activate", "uid")
        self.client.destroy(uid)
        try:
            self.client.get(uid)
            return {"get_after": "found"}
        except pie_exceptions.KmipOperationFailure as e:
            return {"get_after": e.reason.name}

    def run(self):
        self.client.open()
        try:
            s = self.step
            s("discover_versions", self.discover_versions)
            s("discover_versions_raw", self.discover_versions_raw)
            s("query", self.query)
            s("create", self.create)
            s("get_attributes_named", self.get_attributes_named, "create")
            s("get_attributes_all", self.get_attributes_all, "create")
            s("get_attribute_list", self.get_attribute_list, "create")
            s("get", self.get, "create")
            s("locate_by_name", self.locate_by_name, "create")
            s("activate", self.activate)
            s("register_symmetric_key", self.register_symmetric_key)
            s("register_public_key", self.register_public_key)
            s("register_private_key", self.register_private_key)
            s("register_certificate", self.register_certificate)
            s("register_secret_data", self.register_secret_data)
            s("register_opaque_object", self.register_opaque_object)
            s("register_split_key", self.register_split_key)
            s("locate_filtered", self.locate_filtered)
            s("attribute_target", self.attribute_target)
            s("modify_attribute", self.modify_attribute, "attribute_target")
            s("delete_attribute", self.delete_attribute, "attribute_target")
            s("set_attribute", self.set_attribute, "attribute_target")
            s("encrypt_cbc", self.encrypt_cbc)
            s("encrypt_gcm", self.encrypt_gcm)
            s("encrypt_gcm_server_iv", self.encrypt_gcm_server_iv, "encrypt_gcm")
            s("mac", self.mac)
            s("create_key_pair", self.create_key_pair)
            s("sign_verify", self.sign_verify, "create_key_pair")
            s("derive_key", self.derive_key)
            s("get_wrapped", self.get_wrapped, "register_symmetric_key")
            s("revoke", self.revoke, "activate")
            s("destroy", self.destroy, "revoke")
        finally:
            self.client.close()
        return {"version": self.version, "steps": self.steps}


def main():
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    cfg = json.load(sys.stdin)
    json.dump(Run(cfg).run(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
