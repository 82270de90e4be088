#!/usr/bin/env python3
"""Derives kmip-codec/src/main/registry/{tags,enums,masks}.tsv from the KMIP spec text.

Inputs (all read-only facts):
  - <shared>/kmip-spec/kmip-spec-v1.4.txt  section 9.1.3 (tags, enumerations, bit masks)
  - <shared>/kmip-spec/kmip-spec-v2.1.txt  section 11 (enumerations incl. the Tag enumeration)
                                           and section 12 (bit masks)
  - <shared>/kmip-vectors/**/*.xml         element names, item types and value names as the
                                           OASIS test cases spell them (ground truth for names)
  - PyKMIP's enums.py                      only its "# KMIP x.y" section comments, as facts
                                           about which version introduced a code

Usage: derive-registry.py [--shared DIR] [--pykmip FILE] [--out DIR] [--check]
  --check only reports how the vector names resolve against the derived tables.

Python 3 standard library only. Re-running it must reproduce the checked-in tables byte for byte.
"""
import argparse
import collections
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

V10, V11, V12, V13, V14, V20, V21 = "1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1"

# Spec spellings of the item types in object/attribute tables -> ItemType xmlName.
ITEM_TYPES = {
    "Structure": "Structure", "Integer": "Integer", "Long Integer": "LongInteger",
    "Big Integer": "BigInteger", "Enumeration": "Enumeration", "Boolean": "Boolean",
    "Text String": "TextString", "Byte String": "ByteString", "Date-Time": "DateTime",
    "Date Time": "DateTime", "Interval": "Interval", "Date Time Extended": "DateTimeExtended",
}

# Enumerations whose values the 2.1 text defines only by reference to PKCS#11 (sections 11.38
# and 11.39 have no table). The function codes are the 1-based position of the function in
# CK_FUNCTION_LIST (PKCS#11 v2.40 order, which CK_FUNCTION_LIST_3_0 keeps as its prefix); the
# return codes are CK_RV values. Only the names the test cases use are spelled out beyond the
# v2.40 function list; other values decode as hex.
PKCS11_FUNCTIONS = (
    "C_Initialize C_Finalize C_GetInfo C_GetFunctionList C_GetSlotList C_GetSlotInfo "
    "C_GetTokenInfo C_GetMechanismList C_GetMechanismInfo C_InitToken C_InitPIN C_SetPIN "
    "C_OpenSession C_CloseSession C_CloseAllSessions C_GetSessionInfo C_GetOperationState "
    "C_SetOperationState C_Login C_Logout C_CreateObject C_CopyObject C_DestroyObject "
    "C_GetObjectSize C_GetAttributeValue C_SetAttributeValue C_FindObjectsInit C_FindObjects "
    "C_FindObjectsFinal C_EncryptInit C_Encrypt C_EncryptUpdate C_EncryptFinal C_DecryptInit "
    "C_Decrypt C_DecryptUpdate C_DecryptFinal C_DigestInit C_Digest C_DigestUpdate C_DigestKey "
    "C_DigestFinal C_SignInit C_Sign C_SignUpdate C_SignFinal C_SignRecoverInit C_SignRecover "
    "C_VerifyInit C_Verify C_VerifyUpdate C_VerifyFinal C_VerifyRecoverInit C_VerifyRecover "
    "C_DigestEncryptUpdate C_DecryptDigestUpdate C_SignEncryptUpdate C_DecryptVerifyUpdate "
    "C_GenerateKey C_GenerateKeyPair C_WrapKey C_UnwrapKey C_DeriveKey C_SeedRandom "
    "C_GenerateRandom C_GetFunctionStatus C_CancelFunction C_WaitForSlotEvent").split()
PKCS11_RETURN_CODES = [("OK", 0)]


# ---------------------------------------------------------------------------------------------
# Box-drawn tables
# ---------------------------------------------------------------------------------------------

def parse_boxes(lines):
    """Yields (first_line_index, rows) for every box-drawn table; a row is a list of cell texts,
    the lines of a wrapped cell joined with single spaces."""
    i, n = 0, len(lines)
    while i < n:
        if lines[i].lstrip().startswith("┌"):
            start = i
            rows, current = [], None
            i += 1
            while i < n:
                s = lines[i].strip()
                if s.startswith("├") or s.startswith("└") or s.startswith("╞"):
                    if current is not None:
                        rows.append(current)
                    current = None
                    if s.startswith("└"):
                        break
                elif s.startswith("│"):
                    cells = s.split("│")[1:-1]
                    if current is None or len(current) != len(cells):
                        if current is not None:
                            rows.append(current)
                        current = [[] for _ in cells]
                    for k, c in enumerate(cells):
                        if c.strip():
                            current[k].append(c.strip())
                else:
                    break
                i += 1
            yield start, [[join_cell(c) for c in row] for row in rows]
        i += 1


def join_cell(parts):
    text = ""
    for p in parts:
        if text.endswith("-") and not text.endswith(" -") and p[:1].islower():
            text += p  # a word hyphenated at the cell edge
        elif text:
            text += " " + p
        else:
            text = p
    return " ".join(text.split())


def sections(lines, pattern):
    """Maps line index -> heading text for lines matching pattern."""
    heads = []
    rx = re.compile(pattern)
    for idx, line in enumerate(lines):
        m = rx.match(line)
        if m:
            heads.append((idx, m.group(1).strip()))
    return heads


def heading_at(heads, idx):
    best = None
    for h_idx, title in heads:
        if h_idx <= idx:
            best = title
        else:
            break
    return best


def name_value_rows(rows):
    """(name, value) cell pairs of the rows after the Name | Value header; values still raw text."""
    out, seen_header = [], False
    for row in rows:
        if len(row) >= 2 and row[0] == "Name" and row[1].startswith("Value"):
            seen_header = True
            continue
        if not seen_header or len(row) < 2:
            continue
        name, value = row[0].strip(), row[1].strip()
        out.append((name, value))
    return out


SKIP_NAME = re.compile(r"^\((Reserved|Unused)\)$|^Extensions$", re.I)


REJECTED = []


def clean_value(name, value, width):
    """Returns the int code, or None for reserved/unused/extension rows."""
    code = parse_code(name, value, width)
    if code is None and not SKIP_NAME.match(name):
        REJECTED.append((name, value))
    return code


def parse_code(name, value, width):
    if SKIP_NAME.match(name) or "X" in value.upper().replace("0X", ""):
        return None
    # a few rows carry a remark after the code ("00000006 (deprecated)"), the last 2.1 tags a
    # 0x prefix ("0x42016A")
    value = re.sub(r"^0x", "", value)
    m = re.fullmatch(r"([0-9A-Fa-f]{%d})(?:\s+\([^)]*\))?" % width, value)
    return int(m.group(1), 16) if m else None


# ---------------------------------------------------------------------------------------------
# Names: the CamelCase rule of the KMIP XML/JSON encodings ("Normalizing Names" in the KMIP
# Profiles / Additional Message Encodings documents)
# ---------------------------------------------------------------------------------------------

def xml_name(spec_name):
    s = spec_name.replace("(", " ").replace(")", " ")
    # a non-word character before a capitalised word (letter then lower-case letter) splits words
    s = re.sub(r"[^A-Za-z0-9_\s](?=[A-Za-z][a-z])", " ", s)
    # any other non-word character becomes an underscore
    s = re.sub(r"[^A-Za-z0-9_\s]", "_", s)
    words = s.split()
    if words:
        m = re.match(r"^([0-9]+)(.*)$", words[0])
        if m and m.group(2):
            words[0] = m.group(2) + m.group(1)  # "3DES" -> "DES3"
    return "".join(w[:1].upper() + w[1:] for w in words)


def squash(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


# ---------------------------------------------------------------------------------------------
# Spec extraction
# ---------------------------------------------------------------------------------------------

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def extract_v14(lines):
    heads = sections(lines, r"^(9\.1\.3(?:\.\d+)*\s+.*)$")
    tags, enums, masks = {}, collections.OrderedDict(), collections.OrderedDict()
    for start, rows in parse_boxes(lines):
        head = heading_at(heads, start)
        if head is None:
            continue
        title = re.sub(r"^[\d.]+\s+", "", head)
        if head.startswith("9.1.3.1 "):
            for name, value in name_value_rows(rename_header(rows)):
                code = clean_value(name, value, 6)
                if code is not None:
                    add_unique(tags, code, name, "1.4 tags")
        elif head.startswith("9.1.3.2."):
            ename = re.sub(r"\s+Enumeration$", "", title)
            table = enums.setdefault(ename, {})
            for name, value in name_value_rows(rows):
                code = clean_value(name, value, 8)
                if code is not None:
                    add_unique(table, code, name, "1.4 " + ename)
        elif head.startswith("9.1.3.3."):
            table = masks.setdefault(title, {})
            for name, value in name_value_rows(rows):
                code = clean_value(name, value, 8)
                if code is not None:
                    add_unique(table, code, name, "1.4 " + title)
    return tags, enums, masks


def extract_v21(lines):
    heads = sections(lines, r"^(1[12](?:\.\d+)+\s+.*)$")
    tags, enums, masks = {}, collections.OrderedDict(), collections.OrderedDict()
    reserved_tags = set()
    for start, rows in parse_boxes(lines):
        head = heading_at(heads, start)
        if head is None:
            continue
        title = re.sub(r"^[\d.]+\s+", "", head)
        if head.startswith("11.56 "):
            for name, value in name_value_rows(rows):
                if re.fullmatch(r"\(Reserved\)", name) and re.fullmatch(r"[0-9A-F]{6}", value):
                    reserved_tags.add(int(value, 16))
                code = clean_value(name, value, 6)
                if code is not None:
                    add_unique(tags, code, name, "2.1 tags")
        elif head.startswith("11."):
            ename = re.sub(r"\s+Enumeration$", "", title)
            for name, value in name_value_rows(rows):
                code = clean_value(name, value, 8)
                if code is not None:
                    add_unique(enums.setdefault(ename, {}), code, name, "2.1 " + ename)
        elif head.startswith("12."):
            for name, value in name_value_rows(rows):
                code = clean_value(name, value, 8)
                if code is not None:
                    add_unique(masks.setdefault(title, {}), code, name, "2.1 " + title)
    return tags, enums, masks, reserved_tags


def rename_header(rows):
    # the 1.4 tag table heads its columns "Object | Tag Value"
    return [["Name", "Value"] if r[:2] == ["Object", "Tag Value"] else r for r in rows]


def add_unique(table, code, name, where):
    if code in table and table[code] != name:
        sys.exit("%s: code 0x%X named twice: %r and %r" % (where, code, table[code], name))
    table[code] = name


DESCRIBED_TYPE = re.compile(r"^(?:An?\s+)?(%s)\s+object\b" % "|".join(
    sorted((re.escape(k) for k in ITEM_TYPES), key=len, reverse=True)))


def spec_types(lines):
    """Object name -> set of ItemType xmlNames, from every two-or-more column table whose second
    column is an item type (object, attribute and payload definitions)."""
    out = collections.defaultdict(set)
    for _, rows in parse_boxes(lines):
        for row in rows:
            if len(row) < 2:
                continue
            t = ITEM_TYPES.get(row[1].strip())
            if t is None and len(row) >= 3:
                # payload tables: "Name | REQUIRED | An Integer object indicating ..."
                m = DESCRIBED_TYPE.match(row[2])
                t = ITEM_TYPES.get(m.group(1)) if m else None
            if t is None:
                continue
            name = re.split(r",| \(|\s+see\s", row[0])[0].strip()
            name = re.sub(r"^[^A-Za-z]+", "", name)
            if name:
                out[name].add(t)
    return out


# ---------------------------------------------------------------------------------------------
# PyKMIP "# KMIP x.y" section comments
# ---------------------------------------------------------------------------------------------

def pykmip_versions(path):
    """squashed class name -> {code: version} from the section comments of enums.py."""
    out = {}
    if not path or not os.path.exists(path):
        return out
    cls, version = None, None
    for line in read(path):
        m = re.match(r"^class (\w+)\(", line)
        if m:
            cls, version = squash(m.group(1)), None
            out[cls] = {}
            continue
        m = re.match(r"^\s+# KMIP (\d\.\d)", line)
        if m and cls:
            version = m.group(1)
            continue
        m = re.match(r"^\s+\w+\s*=\s*(0x[0-9A-Fa-f]+)", line)
        if m and cls:
            # "?" = listed without a section comment: known to PyKMIP (so at most 2.0), version unknown
            out[cls].setdefault(int(m.group(1), 16), version or "?")
    return out


# ---------------------------------------------------------------------------------------------
# Vectors
# ---------------------------------------------------------------------------------------------

def vector_facts(shared):
    types = collections.defaultdict(set)
    values = collections.defaultdict(set)
    files = sorted(glob.glob(os.path.join(shared, "kmip-vectors", "**", "*.xml"), recursive=True))
    for f in files:
        for e in ET.parse(f).getroot().iter():
            if e.tag == "KMIP":
                continue
            t = e.get("type", "Structure")
            types[e.tag].add(t)
            v = e.get("value")
            if t in ("Enumeration", "Integer") and v and not re.fullmatch(r"-?\d+|\$.*", v):
                values[e.tag].add(v)
    return files, types, values


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------

# Where the test cases spell a name differently from the normalizing rule applied to the 2.1
# spec name. Filled from the --check report; each entry is a fact from the vectors.
NAME_OVERRIDES = {
    # 2.1 table 'Mask Generator' spells it "MFG1" (a typo for MGF1, RFC 8017); 1.4 and the
    # 2.1 test cases say MGF1.
    ("MaskGenerator", "MFG1"): "MGF1",
}
SPEC_NAME_OVERRIDES = {("MaskGenerator", "MFG1"): "MGF1"}

# Tag -> enumeration/mask table naming its values, where the tag name differs from the table name.
TAG_ENUM_EXTRA = {
    "MaskGeneratorHashingAlgorithm": "HashingAlgorithm",
    "DigitalSignatureAlgorithm": "DigitalSignatureAlgorithm",
    "AttributeReference": "Tag",
    "UniqueIdentifier": "UniqueIdentifier",
    "StorageStatusMask": "StorageStatusMask",
    "CryptographicUsageMask": "CryptographicUsageMask",
    "ProfileName": "ProfileName",
    "TicketType": "TicketType",
    "ItemType": "ItemType",
    "ExtensionType": "ItemType",               # 2.1 6.2: "Enumeration (Item Type)"; 1.x sends an Integer
}

# Types the table scan cannot see (payload descriptions in prose); each from the 2.1 text.
TYPE_OVERRIDES = {
    "PKCS_11Function": "Enumeration",          # 2.1 6.1.37 PKCS#11 request payload
    "PKCS_11ReturnCode": "Enumeration",
    "PKCS_11InputParameters": "ByteString",    # and the PKCS11 test case
    "PKCS_11OutputParameters": "ByteString",
    "PKCS_11Interface": "TextString",          # 2.1 6.1.37 "The name of the interface" (Table 380 is garbled)
    "ProtectionStorageMasks": "Structure",     # 2.1 4.x: a structure of Protection Storage Mask
    "CommonProtectionStorageMasks": "Structure",
    "PrivateProtectionStorageMasks": "Structure",
    "PublicProtectionStorageMasks": "Structure",
    "RequestCount": "Integer",                 # "The integer count of ..."
}

# Tags whose type varies by context (beyond what the vectors and the spec tables reveal).
VARYING = {"AttributeValue", "UniqueIdentifier", "KeyValue", "KeyMaterial", "CredentialValue",
           "AttributeReference", "ExtensionType", "Data", "VendorAttributeValue"}


def since_of(code, in14, in21, py, where, notes, fallback=None):
    v = py.get(code)
    if v == "?" and not in14:
        return V20
    if v == "?":
        v = None
    if v is None and fallback is not None and in14:
        # PyKMIP has no section comment for this table: the values the 1.4 text lists are taken
        # to arrive with the tag that carries them
        notes.append("%s 0x%X: introducing version inferred from the tag %s (since %s)"
                     % (where, code, where, fallback))
        return fallback
    if in14:
        if v is None or v > V14:
            notes.append("%s 0x%X: introducing version not established (in 1.4 text%s); "
                         "recorded as 1.0" % (where, code, "" if v is None else ", PyKMIP says " + v))
            return V10
        return v
    # only in 2.1
    if v == V20:
        return V20
    if v is not None and v <= V14:
        notes.append("%s 0x%X: PyKMIP says %s but the 1.4 text lacks it; recorded as 2.0"
                     % (where, code, v))
        return V20
    notes.append("%s 0x%X: since 2.1 because PyKMIP 0.10 (which covers 2.0) lacks it%s"
                 % (where, code, "; the 2.1 revision history confirms it" if where in ("tag", "Operation") or
                    where.startswith("Rotate") or where == "ProcessingStage" else ""))
    return V21


def build(shared, pykmip):
    v14 = read(os.path.join(shared, "kmip-spec", "kmip-spec-v1.4.txt"))
    v21 = read(os.path.join(shared, "kmip-spec", "kmip-spec-v2.1.txt"))
    t14, e14, m14 = extract_v14(v14)
    t21, e21, m21, reserved21 = extract_v21(v21)
    py = pykmip_versions(pykmip)
    files, vtypes, vvalues = vector_facts(shared)
    stypes = collections.defaultdict(set)
    for lines in (v14, v21):
        for k, v in spec_types(lines).items():
            stypes[k] |= v
    notes = []

    # --- enumerations and masks
    def merge(t14s, t21s):
        out = collections.OrderedDict()
        names = sorted(set(t14s) | set(t21s), key=lambda n: xml_name(n))
        for spec_enum in names:
            a, b = t14s.get(spec_enum, {}), t21s.get(spec_enum, {})
            ename = xml_name(spec_enum)
            pv = py.get(squash(ename), {})
            fallback = tag_since.get(ename)
            rows = []
            for code in sorted(set(a) | set(b)):
                spec = b.get(code, a.get(code))
                if code in a and code in b and a[code] != b[code] and xml_name(a[code]) != xml_name(b[code]):
                    if (ename, b[code]) in NAME_OVERRIDES:
                        notes.append("%s 0x%08X: 2.1 names it %r, 1.4 and the test cases %r; kept %r"
                                     % (ename, code, b[code], a[code], a[code]))
                    else:
                        notes.append("%s 0x%08X: 1.4 names it %r, 2.1 %r; kept the 2.1 name"
                                     % (ename, code, a[code], b[code]))
                since = since_of(code, code in a, code in b, pv, ename, notes, fallback)
                spec = SPEC_NAME_OVERRIDES.get((ename, spec), spec)
                until = V14 if code not in b else ""
                if not b and code in a:
                    until = V14
                rows.append([code, NAME_OVERRIDES.get((ename, spec), xml_name(spec)), spec, since, until])
            out[ename] = (spec_enum, rows)
        return out

    pt = py.get("tags", {})
    tag_since = {}
    for code in sorted(set(t14) | set(t21)):
        tag_since[xml_name(t21.get(code, t14.get(code)))] = since_of(code, code in t14, code in t21, pt, "tag", [])

    e14.pop("Tag", None)
    e21.pop("Tag", None)  # the Tag enumeration is tags.tsv itself
    enums = merge(e14, e21)
    enums["PKCS_11Function"] = ("PKCS#11 Function",
                                [[i + 1, n, n, V20, ""] for i, n in enumerate(PKCS11_FUNCTIONS)])
    enums["PKCS_11ReturnCode"] = ("PKCS#11 Return Code",
                                  [[c, n, n, V20, ""] for n, c in PKCS11_RETURN_CODES])
    enums = collections.OrderedDict(sorted(enums.items()))
    masks = merge(m14, m21)

    # --- tags
    tag_rows = []
    for code in sorted(set(t14) | set(t21)):
        spec = t21.get(code, t14.get(code))
        if code in t14 and code in t21 and xml_name(t14[code]) != xml_name(t21[code]):
            notes.append("tag %06X: 1.4 names it %r, 2.1 %r; kept the 2.1 name" % (code, t14[code], t21[code]))
        since = since_of(code, code in t14, code in t21, pt, "tag", notes)
        until = V14 if code not in t21 else ""
        name = NAME_OVERRIDES.get(("Tag", spec), xml_name(spec))
        types = set(vtypes.get(name, set()))
        if name in TYPE_OVERRIDES:
            type_ = TYPE_OVERRIDES[name]
        elif name in VARYING:
            type_ = "*"
        else:
            types |= stypes.get(spec, set())
            if code in t14 and t14[code] != spec:
                types |= stypes.get(t14[code], set())
            if not types and name in enums:
                types = {"Enumeration"}
            elif not types and name in masks:
                types = {"Integer"}
            type_ = types.pop() if len(types) == 1 else "*"
        enum = ""
        if name in TAG_ENUM_EXTRA:
            enum = TAG_ENUM_EXTRA[name]
        elif name in enums:
            enum = name
        elif name in masks:
            enum = name
        if enum and enum != "Tag" and enum not in enums and enum not in masks:
            enum = ""
        tag_rows.append([code, name, spec, type_, since, until, enum])
    return tag_rows, enums, masks, notes, files, vtypes, vvalues


def write_tsv(path, header, comments, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write("# " + c + "\n" if c else "#\n")
        f.write("# " + "\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


COMMON = [
    "Generated by kmip-codec/src/build/derive-registry.py from the KMIP 1.4 and 2.1 spec text",
    "(/work/shared/kmip-spec) and checked against the OASIS XML test cases; edit the script,",
    "not this file. since = version that introduced the entry, until = last version defining it",
    "(blank = still defined in 2.1).",
    "Versions before 1.4 come from PyKMIP 0.10 enums.py section comments (facts only); an entry",
    "only in the 2.1 text is 2.0 when PyKMIP lists it under 2.0, else 2.1.",
]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.environ.get("KMIPSTACK_SHARED", "/work/shared"))
    ap.add_argument("--pykmip", default="/usr/lib/python3/dist-packages/kmip/core/enums.py")
    ap.add_argument("--out", default=os.path.join(here, "..", "main", "registry"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    tag_rows, enums, masks, notes, files, vtypes, vvalues = build(args.shared, args.pykmip)

    # --- resolve the vectors against the tables
    by_name = {r[1]: r for r in tag_rows}
    enum_names = {e: {r[1] for r in rows} for e, (_, rows) in enums.items()}
    mask_names = {m: {r[1] for r in rows} for m, (_, rows) in masks.items()}
    problems = []
    for el in sorted(vtypes):
        if el not in by_name:
            problems.append("element %s: no tag of that name" % el)
    for el, vals in sorted(vvalues.items()):
        row = by_name.get(el)
        enum = row[6] if row else ""
        for v in sorted(vals):
            if re.fullmatch(r"0x[0-9A-Fa-f]{8}", v):
                continue
            if enum == "Tag":
                ok = v in by_name
            elif enum in enum_names:
                ok = v in enum_names[enum]
            elif enum in mask_names:
                ok = all(w in mask_names[enum] for w in v.split())
            elif el == "AttributeValue":
                ok = any(v in s for s in enum_names.values()) or any(
                    all(w in s for w in v.split()) for s in mask_names.values())
            else:
                ok = False
            if not ok:
                problems.append("%s value %r: not in %s" % (el, v, enum or "(no enumeration)"))
        for t in vtypes.get(el, ()):
            if row and row[3] not in ("*", t):
                problems.append("element %s: vectors type %s, table %s" % (el, t, row[3]))
    print("vectors: %d files, %d element names, %d problems" % (len(files), len(vtypes), len(problems)),
          file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    for n in notes:
        print("  note: " + n, file=sys.stderr)
    if args.check:
        return 1 if problems else 0

    os.makedirs(args.out, exist_ok=True)
    unsure = [n for n in notes if "not established" in n or "PyKMIP says" in n or "inferred" in n
              or ("lacks it" in n and "confirms" not in n)]
    write_tsv(os.path.join(args.out, "tags.tsv"),
              ["code", "name", "specName", "type", "since", "until", "enumeration"],
              COMMON + ["type: from the test cases and the spec's object tables; * = varies or unknown."]
              + ["unsure: " + n for n in unsure if n.startswith("tag")],
              [["%06X" % r[0]] + [str(x) for x in r[1:]] for r in tag_rows])
    enum_rows = []
    for e, (_, rows) in enums.items():
        for r in rows:
            enum_rows.append([e, "%08X" % r[0]] + [str(x) for x in r[1:]])
    write_tsv(os.path.join(args.out, "enums.tsv"),
              ["enumeration", "code", "name", "specName", "since", "until"],
              COMMON + ["The Tag enumeration (2.1 section 11.56) is tags.tsv and is not repeated here.",
                        "PKCS_11Function/PKCS_11ReturnCode: 2.1 gives no table (values per PKCS#11);",
                        "function codes are 1-based positions in CK_FUNCTION_LIST, return codes CK_RV."]
              + ["unsure: " + n for n in unsure if not n.startswith("tag") and not is_mask_note(n, masks)],
              enum_rows)
    mask_rows = []
    for m, (_, rows) in masks.items():
        for r in rows:
            mask_rows.append([m, "%08X" % r[0]] + [str(x) for x in r[1:]])
    write_tsv(os.path.join(args.out, "masks.tsv"),
              ["mask", "bit", "name", "specName", "since", "until"],
              COMMON + ["unsure: " + n for n in unsure if is_mask_note(n, masks)],
              mask_rows)
    return 0


def is_mask_note(note, masks):
    return any(note.startswith(m + " ") for m in masks)


if __name__ == "__main__":
    sys.exit(main())
