#!/usr/bin/python3
"""Writes tests/vectors/primitives.json: known answers for the protocol's
building blocks (docs/protocol.md sections 1-4 and 6), computed by this
verifier. The C++ core's unit test (tests/unit/shared/primitive_vectors_test.cpp)
checks every one, so the file holds only answers both implementations give.

  make_primitive_vectors.py > tests/vectors/primitives.json
"""
import hashlib
import json
import sys

import beacon
import draw
import entries
import keys
import merkle
from canon import ProtocolError, jcs


def h(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def entry_case(raw):
    try:
        n = entries.normalize(raw)
        return {"raw": raw, "normalized": n, "leaf": entries.leaf(n).decode(),
                "leaf_hash": merkle.leaf_hash(entries.leaf(n)).hex()}
    except ProtocolError as e:
        return {"raw": raw, "error": str(e)}


def main():
    jcs_cases = [
        {"a": 1, "B": True, "_": [False, 0, 9007199254740991], "é": "x"},
        {"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\U0001f600": 5, "\u0080": 6, "\u00f6": 7},
        ["\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028 Noël 😀"],
        {"nested": {"z": [], "y": {}, "x": [{"b": 1, "a": 2}]}},
    ]
    entry_cases = [entry_case(r) for r in (
        {"platform": "list", "id": "  @@ @Anna_W \t", "name": "Anna W"},
        {"platform": "list", "id": "@\u00c9LODIE", "name": "\u00c9lodie"},
        {"platform": "list", "id": "Zoe\u0301", "name": "Zoe\u0301"},
        {"platform": "instagram", "id": " 178410000 ", "name": "insta_0"},
        {"platform": "x", "id": "AbC", "name": "@AbC"},
        {"platform": "youtube", "id": "UCxyz#Ugz1", "name": "Fan"},
        {"platform": "list", "id": "@@@", "name": "nobody"},
        {"platform": "myspace", "id": "1", "name": "tom"},
    )]
    raw_list = [{"platform": "list", "id": "@Bob", "name": "Bob"},
                {"platform": "list", "id": "bob", "name": "Bob again (dropped: same key)"},
                {"platform": "instagram", "id": "42", "name": "insta"},
                {"platform": "list", "id": "alice", "name": "Alice"},
                {"platform": "list", "id": "\u00e9ric", "name": "\u00c9ric"},
                {"platform": "list", "id": "Zed", "name": "Zed"},
                {"platform": "facebook", "id": "1000", "name": "fb"}]
    built = entries.build_list(raw_list)
    root = merkle.tree_hash([merkle.leaf_hash(entries.leaf(e)) for e in built])

    stream_seed = h("tirage primitives: stream")
    s = draw.Stream(stream_seed)
    words = [str(s.next_u64()) for _ in range(6)]

    selections = []
    for n, k, m in ((1, 1, 0), (7, 2, 1), (20, 3, 2), (1000000, 5, 5), (10**15, 3, 2), (2**53 - 1, 1, 1)):
        commitment_hash, value = h(f"commitment {n}"), h(f"beacon {n}")
        seed = draw.seed(commitment_hash, value)
        w, a = draw.select(seed, n, k, m)
        selections.append({"commitment_hash": commitment_hash.hex(), "beacon_value": value.hex(), "seed": seed.hex(),
                           "n": n, "winners": k, "alternates": m, "selected_winners": w, "selected_alternates": a})

    secret = h("tirage primitives: local secret")
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    out = {
        "source": "docs/protocol.md sections 1-4 and 6; written by tests/verifier_py/make_primitive_vectors.py "
                  "(Python), confirmed by tests/unit/shared/primitive_vectors_test.cpp (the C++ core)",
        "jcs": [{"value": v, "jcs": jcs(v).decode()} for v in jcs_cases],
        "entries": entry_cases,
        "list": {"raw": raw_list, "entries": built, "root": root.hex()},
        "stream": {"seed": stream_seed.hex(), "first_u64s_decimal": words},
        "selection": selections,
        "local_beacon": {"secret": secret.hex(), "commit": beacon.local_commit(secret).hex()},
        "key_id": {"public_key": public.hex(), "key_id": keys.key_id(public)},
    }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
