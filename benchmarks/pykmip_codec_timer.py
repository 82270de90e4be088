#!/usr/bin/python3
"""Times PyKMIP 0.10's codec on the PyKMIP wire captures the JMH codec benchmarks read.

For each message: decode = kmip.core.messages RequestMessage/ResponseMessage .read() from the
bytes into PyKMIP's objects; encode = .write() of those objects back to bytes (KMIP 1.2, the
captures' version). Each figure is the median of --repeat batches of
calls, with the fastest batch beside it; docs/benchmarks.md sets them next to CodecBenchmark.
A message whose re-encoding differs from the capture is timed all the same, and flagged.

    /usr/bin/python3 benchmarks/pykmip_codec_timer.py [--shared ../shared] [--repeat 7] [--json]
"""

import argparse
import binascii
import json
import os
import statistics
import sys
import time

from kmip.core import enums
from kmip.core import utils
from kmip.core.messages import messages

MESSAGES = [
    # (capture name, PyKMIP message class, the JMH benchmarks that time the same bytes)
    ("create_aes256_req", messages.RequestMessage, "decode/encodeCreateRequest(Message)"),
    ("encrypt_gcm_4096_req", messages.RequestMessage, "decode/encodeEncryptRequest(Message)"),
    ("get_aes256_resp", messages.ResponseMessage, "decode/encodeGetResponseMessage"),
]
VERSION = enums.KMIPVersion.KMIP_1_2


def shared_dir(given):
    if given:
        return given
    if os.environ.get("KMIPSTACK_SHARED"):
        return os.environ["KMIPSTACK_SHARED"]
    d = os.path.abspath(os.getcwd())
    while True:
        if os.path.isdir(os.path.join(d, "shared", "ttlv-vectors")):
            return os.path.join(d, "shared")
        parent = os.path.dirname(d)
        if parent == d:
            sys.exit("pykmip_codec_timer: no shared/ttlv-vectors above " + os.getcwd() + " (give --shared DIR)")
        d = parent


def decode(cls, data):
    m = cls()
    m.read(utils.BytearrayStream(data), kmip_version=VERSION)
    return m


def encode(message):
    out = utils.BytearrayStream()
    message.write(out, kmip_version=VERSION)
    return bytes(out.buffer)


def per_call(fn, repeat):
    """Median and fastest seconds per call over `repeat` batches, each about 0.2 s long."""
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t >= 0.2:
            break
        n *= 2
    batches = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        batches.append((time.perf_counter() - t) / n)
    return statistics.median(batches), min(batches)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", help="the shared folder (default: $KMIPSTACK_SHARED or the nearest shared/ above)")
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--json", action="store_true", help="one JSON object per message")
    args = p.parse_args()
    wire = os.path.join(shared_dir(args.shared), "ttlv-vectors", "pykmip-0.10-wire")
    if not args.json:
        print(f"{'message':<24}{'bytes':>7}{'decode us':>12}{'(fastest)':>11}{'encode us':>12}{'(fastest)':>11}")
    for name, cls, jmh in MESSAGES:
        with open(os.path.join(wire, name + ".hex")) as f:
            data = binascii.unhexlify(f.read().strip())
        parsed = decode(cls, data)
        again = encode(parsed)
        # PyKMIP 0.10 re-encodes its own Create capture 8 bytes longer and unparseable (a Cryptographic
        # Usage Mask attribute read from the wire is written back wrong): say so rather than hide it.
        faithful = again == data
        dec, dec_min = per_call(lambda: decode(cls, data), args.repeat)
        enc, enc_min = per_call(lambda: encode(parsed), args.repeat)
        if args.json:
            print(json.dumps({"message": name, "bytes": len(data), "reencodesExactly": faithful,
                              "decodeMicros": round(dec * 1e6, 1),
                              "decodeFastestMicros": round(dec_min * 1e6, 1), "encodeMicros": round(enc * 1e6, 1),
                              "encodeFastestMicros": round(enc_min * 1e6, 1), "jmh": jmh}))
        else:
            print(f"{name:<24}{len(data):>7}{dec * 1e6:>12.1f}{dec_min * 1e6:>11.1f}{enc * 1e6:>12.1f}{enc_min * 1e6:>11.1f}"
                  + ("" if faithful else f"   re-encodes to {len(again)} different bytes"))


if __name__ == "__main__":
    main()
