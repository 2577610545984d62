#!/usr/bin/python3
"""Every published vector under tests/vectors/ (docs/protocol.md section 12),
re-checked by this independent verifier: the must-pass ones pass, and each
must-fail one fails at its expected step and check."""
import contextlib
import io
import os
import sys
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

import beacon as beacons
import bundle as bundles
import keys as keyring
import make_primitive_vectors
import merkle
from canon import parse_json, sha256

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors")

# tests/vectors/bundle/: each case NAME.json has NAME.expect.json saying what it is and how it ends
# ({"description", "verified", "failing_step", "failing_check"}); a new case is new files, no code here.
EXPECT_SUFFIX = ".expect.json"
# What this verifier cannot check (no BLS, README): a case that fails only there must pass every
# other check here and name it as not checked.
NOT_CHECKED_HERE = {"beacon_drand_signature"}
TRUSTED_KEYS = "keys.json"  # the key set a verifier pins for the bundle vectors

OTHER_VECTORS = {"merkle_rfc6962.json", "ed25519_rfc8032.json", "drand_quicknet.json", "primitives.json"}
NOT_PROTOCOL = {"import", "participants"}  # fixtures of the importers and of `tirage participants`


def load(*path):
    with open(os.path.join(VECTORS, *path), "rb") as f:
        return parse_json(f.read())


def h(hexes):
    return [bytes.fromhex(x) for x in hexes]


class EveryVectorIsCovered(unittest.TestCase):
    def test_no_vector_file_is_left_unchecked(self):
        top = set(os.listdir(VECTORS)) - NOT_PROTOCOL - {"bundle"}
        self.assertEqual(top, OTHER_VECTORS, "a vector file this verifier does not check (list it in test_vectors.py)")
        files = set(os.listdir(os.path.join(VECTORS, "bundle"))) - {TRUSTED_KEYS}
        bundles_there = {f for f in files if not f.endswith(EXPECT_SUFFIX)}
        described = {f[:-len(EXPECT_SUFFIX)] + ".json" for f in files if f.endswith(EXPECT_SUFFIX)}
        self.assertEqual(bundles_there, described, "a bundle vector without its .expect.json, or one describing no bundle")


def bundle_cases():
    """(NAME.json, its expect file's JSON) for every case of tests/vectors/bundle/, in name order."""
    names = sorted(os.listdir(os.path.join(VECTORS, "bundle")))
    return [(n[:-len(EXPECT_SUFFIX)] + ".json", load("bundle", n)) for n in names if n.endswith(EXPECT_SUFFIX)]


class BundleVectors(unittest.TestCase):
    def verify(self, name, trusted=None):
        b = load("bundle", name)
        # The vectors' trusted key set is keys.json, never a bundle's own (docs/protocol.md section 12).
        if trusted is None:
            trusted = keyring.keyset_from_json(load("bundle", TRUSTED_KEYS), TRUSTED_KEYS)
        return bundles.verify(b, trusted)

    def test_each_bundle_passes_or_fails_where_expected(self):
        cases = bundle_cases()
        self.assertTrue(cases, "no bundle vectors")
        for name, expect in cases:
            with self.subTest(name, description=expect["description"]):
                report = self.verify(name)
                bad = report.first_failure()
                unchecked = [c.id for c in report.checks if not c.checked]
                blind_here = not expect["verified"] and expect["failing_check"] in NOT_CHECKED_HERE
                if expect["verified"] or blind_here:
                    self.assertIsNone(bad, bad and f"{bad.step} {bad.id}: {bad.detail}")
                    self.assertEqual({c.step for c in report.checks}, {0, 1, 2, 3, 4, 5, 6})
                    if blind_here:
                        self.assertEqual(unchecked, [expect["failing_check"]])
                    elif load("bundle", name)["commitment"]["statement"]["beacon"]["source"] == "drand":
                        self.assertEqual(unchecked, ["beacon_drand_signature"])
                else:
                    self.assertIsNotNone(bad)
                    self.assertEqual((bad.step, bad.id), (expect["failing_step"], expect["failing_check"]), bad.detail)

    def test_a_bundle_is_not_trusted_for_its_own_keys(self):
        # Trusting another key (RFC 8032's TEST 1 key): the bundle's own key signs nothing.
        public = load("ed25519_rfc8032.json")["vectors"][0]["public"]
        other = keyring.keyset_from_json({"keys": [{
            "algorithm": "ed25519", "key_id": keyring.key_id(bytes.fromhex(public)), "public_key": public,
            "valid_from": "2020-01-01T00:00:00Z"}]}, "keys")
        bad = self.verify("valid.json", trusted=other).first_failure()
        self.assertEqual((bad.step, bad.id), (1, "commitment_signed"))
        self.assertIn("not a trusted key", bad.detail)

    def test_a_forged_bundle_holds_only_under_its_own_keys(self):
        forged = load("bundle", "forged-self-signed.json")
        own = keyring.keyset_from_json(forged["keys"], "keys")
        self.assertTrue(bundles.verify(forged, own).ok())
        self.assertFalse(self.verify("forged-self-signed.json").ok())

    def test_no_trusted_key_means_nothing_verifies(self):
        bad = self.verify("valid.json", trusted=[]).first_failure()
        self.assertEqual((bad.step, bad.id), (1, "keys_trusted"))


class PrimitiveVectors(unittest.TestCase):
    def test_the_file_is_what_this_verifier_computes(self):
        # The C++ core checks the same file (tests/unit/shared/primitive_vectors_test.cpp).
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            make_primitive_vectors.main()
        self.assertEqual(parse_json(out.getvalue().encode("utf-8")), load("primitives.json"),
                         "tests/vectors/primitives.json is stale: rerun tests/verifier_py/make_primitive_vectors.py")


class MerkleVectors(unittest.TestCase):
    def setUp(self):
        self.v = load("merkle_rfc6962.json")
        self.leaves = h(self.v["leaf_hashes"])

    def test_leaf_hashes_and_roots(self):
        for data, want in zip(self.v["leaves_hex"], self.leaves):
            self.assertEqual(merkle.leaf_hash(bytes.fromhex(data)), want)
        for size, root in enumerate(h(self.v["roots"])):
            self.assertEqual(merkle.tree_hash(self.leaves[:size]), root, f"size {size}")

    def root(self, size):
        return bytes.fromhex(self.v["roots"][size])

    def test_inclusion(self):
        for p in self.v["inclusion"]:
            self.assertTrue(merkle.verify_inclusion(self.leaves[p["index"]], p["index"], p["size"], h(p["path"]),
                                                    self.root(p["size"])), p)
        for p in self.v["bad_inclusion"]:
            self.assertFalse(merkle.verify_inclusion(self.leaves[p["leaf"]], p["index"], p["size"], h(p["path"]),
                                                     self.root(p["root_of"])), p["name"])

    def test_consistency(self):
        for p in self.v["consistency"]:
            self.assertTrue(merkle.verify_consistency(p["old"], p["new"], self.root(p["old"]), self.root(p["new"]),
                                                      h(p["proof"])), p)
        for p in self.v["bad_consistency"]:
            old, new = p["roots_of"]
            self.assertFalse(merkle.verify_consistency(p["old"], p["new"], self.root(old), self.root(new),
                                                       h(p["proof"])), p["name"])


class Ed25519Vectors(unittest.TestCase):
    def test_rfc8032(self):
        for v in load("ed25519_rfc8032.json")["vectors"]:
            with self.subTest(v["name"]):
                private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(v["seed"]))
                public = private.public_key()
                self.assertEqual(public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex(), v["public"])
                self.assertEqual(private.sign(bytes.fromhex(v["message"])).hex(), v["signature"])
                public.verify(bytes.fromhex(v["signature"]), bytes.fromhex(v["message"]))


class DrandVectors(unittest.TestCase):
    def test_quicknet_chain_info_hashes_to_its_chain_hash(self):
        v = load("drand_quicknet.json")
        chain = beacons.chain_from_info(v["info"])
        self.assertEqual(chain["hash"], beacons.QUICKNET["hash"])
        self.assertEqual(chain["public_key"], beacons.QUICKNET["public_key"])
        self.assertEqual((chain["genesis_time"], chain["period"]),
                         (beacons.QUICKNET["genesis_time"], beacons.QUICKNET["period"]))

    def test_rounds_give_their_randomness_and_time(self):
        v = load("drand_quicknet.json")
        committed = {"source": "drand", "chain_hash": beacons.QUICKNET["hash"], "round": 2}
        for r in v["rounds"]:
            c = dict(committed, round=r["round"])
            revealed = dict(c, signature=r["signature"])
            revealed["randomness"] = sha256(bytes.fromhex(r["signature"])).hex()
            self.assertEqual(beacons.value(c, revealed).hex(), revealed["randomness"])
            self.assertEqual(beacons.publication_time(c, {beacons.QUICKNET["hash"]: beacons.QUICKNET}),
                             1692803367 + 3 * (r["round"] - 1))
            revealed["randomness"] = "00" * 32
            with self.assertRaises(Exception):
                beacons.value(c, revealed)


if __name__ == "__main__":
    unittest.main(argv=sys.argv, verbosity=2)
