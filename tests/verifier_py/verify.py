#!/usr/bin/python3
"""A second, independent verifier of Tirage result bundles, written from
docs/protocol.md alone (Python standard library + python3-cryptography).

  verify.py BUNDLE --keys KEYS.json [--drand-chain INFO.json] [--known-sth STH.json --consistency HASHES.txt]

KEYS.json is the key set you trust (the service's /.well-known/tirage-keys.json,
obtained yourself); the bundle's own keys are only offered. Prints one line per
check. Exit 0 when every check holds, 1 naming the first failing one, 2 on bad input.
"""
import argparse
import sys

import beacon as beacons
import bundle as bundles
import keys as keyring
from canon import ProtocolError, hash_from_hex, parse_json


def read_json(path):
    try:
        with open(path, "rb") as f:
            data = f.read(64 * 1024 * 1024 + 1)
    except OSError as e:
        raise ProtocolError(f"{path}: {e.strerror}") from None
    if len(data) > 64 * 1024 * 1024:
        raise ProtocolError(f"{path}: larger than 64 MiB")
    try:
        return parse_json(data)
    except ProtocolError as e:
        raise ProtocolError(f"{path}: {e}") from None


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("bundle")
    p.add_argument("--keys", required=True, help="the key set you trust (tirage-keys.json)")
    p.add_argument("--drand-chain", action="append", default=[], help="a drand chain info file (test chains)")
    p.add_argument("--known-sth", help="a signed tree head seen before")
    p.add_argument("--consistency", help="hex hashes, one per line: the consistency proof between the two heads")
    args = p.parse_args(argv)
    try:
        trusted = keyring.keyset_from_json(read_json(args.keys), args.keys)
        if not trusted:
            raise ProtocolError(f"{args.keys}: the key set holds no key")
        chains = {}
        for path in args.drand_chain:
            chain = beacons.chain_from_info(read_json(path))
            chains[chain["hash"]] = chain
        known = None
        if bool(args.known_sth) != bool(args.consistency):
            raise ProtocolError("--known-sth and --consistency go together")
        if args.known_sth:
            with open(args.consistency) as f:
                proof = [hash_from_hex(line.strip(), f"{args.consistency} line {i + 1}")
                         for i, line in enumerate(f) if line.strip()]
            known = (read_json(args.known_sth), proof)
        bundle = read_json(args.bundle)
    except ProtocolError as e:
        print(f"verify.py: {e}", file=sys.stderr)
        return 2

    report = bundles.verify(bundle, trusted, chains, known)
    c = report.commitment
    if c:
        print(f'Draw {c["draw_id"]} "{c["title"]}": {c["k"]} winner(s) and {c["m"]} alternate(s) '
              f'among {c["n"]} participants')
    for check in report.checks:
        state = "PASS" if check.ok and check.checked else "NOT CHECKED" if check.ok else "FAIL"
        print(f"{state}  [step {check.step}] {check.id}" + (f" ({check.detail})" if check.detail else ""))
    bad = report.first_failure()
    if bad:
        print(f"NOT VERIFIED: step {bad.step} failed: {bad.id}: {bad.detail}")
        return 1
    unchecked = [ch.id for ch in report.checks if not ch.checked]
    for rank, e in enumerate(report.winners or [], 1):
        print(f"Winner {rank}: {e['name']} ({e['platform']}:{e['id']})")
    print("VERIFIED" + (f" (not checked by this verifier: {', '.join(unchecked)})" if unchecked else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
