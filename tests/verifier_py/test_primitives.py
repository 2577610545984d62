#!/usr/bin/python3
"""The verifier's own building blocks against docs/protocol.md's definitions,
written a second way where that is cheap (a full-array Fisher–Yates, a
block-by-block stream), and the cases a reader of the spec could get wrong."""
import hashlib
import sys
import unittest

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

import draw
import entries
import keys as keyring
from canon import ProtocolError, from_hex, hash_from_hex, jcs, parse_json, parse_time


class Jcs(unittest.TestCase):
    def test_members_sort_by_utf16_code_units(self):
        # RFC 8785 section 3.2.3's example names: U+1F600 (a surrogate pair, D83D) sorts before U+FB33.
        obj = {"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\U0001f600": 5, "\u0080": 6, "\u00f6": 7}
        want = '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\U0001f600":5,"\ufb33":3}'
        self.assertEqual(jcs(obj), want.encode("utf-8"))

    def test_strings_escape_only_what_jcs_escapes(self):
        s = '"\\/\b\f\n\r\t\x00\x1f\x7f\u2028é'
        self.assertEqual(jcs(s), b'"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\x7f\xe2\x80\xa8\xc3\xa9"')

    def test_only_protocol_values(self):
        for bad in (None, -1, 2**53, 1.5, {"a": [None]}, "\ud800"):
            with self.assertRaises(ProtocolError, msg=repr(bad)):
                jcs(bad)
        self.assertEqual(jcs([2**53 - 1, True, False, {}]), b"[9007199254740991,true,false,{}]")
        for text in (b'{"a":1.0}', b'{"a":1e3}'):
            with self.assertRaises(ProtocolError):
                jcs(parse_json(text))

    def test_repeated_member_names_are_refused(self):
        with self.assertRaises(ProtocolError):
            parse_json(b'{"winners": 1, "winners": 2}')


class Times(unittest.TestCase):
    def test_exact_form_only(self):
        self.assertEqual(parse_time("2026-12-24T18:00:00Z", "t"), 1798135200)
        for bad in ("2026-12-24T18:00:00+00:00", "2026-12-24T18:00:00.5Z", "2026-02-29T00:00:00Z",
                    "2026-12-24 18:00:00Z", "2026-12-24T24:00:00Z", "2026-12-24T18:00:00Z\n",
                    "\u0662\u0660\u0662\u0666-12-24T18:00:00Z"):
            with self.assertRaises(ProtocolError, msg=bad):
                parse_time(bad, "t")


class Hex(unittest.TestCase):
    def test_only_pairs_of_hex_digits(self):
        self.assertEqual(from_hex("ABcd", "h"), b"\xab\xcd")
        for bad in ("abcd\n", "ab cd", "abc", "0x12", "\u0661\u0662"):
            with self.assertRaises(ProtocolError, msg=repr(bad)):
                from_hex(bad, "h")
        with self.assertRaises(ProtocolError):
            hash_from_hex("00" * 31, "h")

    def test_lone_surrogates_are_not_text(self):
        with self.assertRaises(ProtocolError):
            parse_json(b'{"a": ["\\udc00"]}')


class Entries(unittest.TestCase):
    def test_list_ids_lose_every_leading_at_and_ascii_case(self):
        e = entries.normalize({"platform": "list", "id": "  @@ @Anna_É ", "name": "Anna"})
        self.assertEqual(e["id"], "anna_É")  # no Unicode case folding
        self.assertEqual(entries.normalize(e), e)

    def test_nfc_and_platform_ids_keep_their_case(self):
        e = entries.normalize({"platform": "x", "id": " AbC ", "name": "Zoe\u0301"})
        self.assertEqual((e["id"], e["name"]), ("AbC", "Zo\u00e9"))

    def test_refused(self):
        for raw in ({"platform": "myspace", "id": "a", "name": ""}, {"platform": "list", "id": " @ ", "name": ""}):
            with self.assertRaises(ProtocolError):
                entries.normalize(raw)

    def test_list_keeps_first_of_a_key_and_sorts_by_key_bytes(self):
        out = entries.build_list([{"platform": "list", "id": "b", "name": "1"},
                                  {"platform": "list", "id": "@B", "name": "2"},
                                  {"platform": "instagram", "id": "9", "name": "3"},
                                  {"platform": "list", "id": "a", "name": "4"}])
        self.assertEqual([e["name"] for e in out], ["3", "4", "1"])

    def test_leaf_is_jcs_with_fields_in_order(self):
        self.assertEqual(entries.leaf({"platform": "list", "id": "a", "name": "Noël"}),
                         '{"id":"a","name":"Noël","platform":"list"}'.encode("utf-8"))


class Selection(unittest.TestCase):
    def test_stream_is_counter_blocks_read_as_big_endian_words(self):
        seed = hashlib.sha256(b"s").digest()
        s = draw.Stream(seed)
        for j in range(3):
            block = hashlib.sha256(seed + j.to_bytes(8, "big")).digest()
            for w in range(4):
                self.assertEqual(s.next_u64(), int.from_bytes(block[8 * w:8 * w + 8], "big"))

    def test_uniform_rejects_words_at_or_above_the_limit(self):
        n = 2**63 + 1  # limit = n: about half the words are rejected
        rejected = 0
        for i in range(16):
            seed = hashlib.sha256(b"u%d" % i).digest()
            raw, s = draw.Stream(seed), draw.Stream(seed)
            x = raw.next_u64()
            while x >= n:
                rejected += 1
                x = raw.next_u64()
            self.assertEqual(s.uniform(n), x % n)
        self.assertGreater(rejected, 0)

    def test_sparse_selection_equals_the_full_array_shuffle(self):
        for n, k, m in ((1, 1, 0), (2, 1, 1), (20, 3, 2), (1000, 10, 5), (50, 25, 25)):
            seed = hashlib.sha256(b"sel%d" % n).digest()
            a, s = list(range(n)), draw.Stream(seed)
            for i in range(k + m):
                j = i + s.uniform(n - i)
                a[i], a[j] = a[j], a[i]
            self.assertEqual(draw.select(seed, n, k, m), (a[:k], a[k:k + m]))
        with self.assertRaises(ProtocolError):
            draw.select(seed, 3, 2, 2)
        with self.assertRaises(ProtocolError):
            draw.select(seed, 3, 0, 1)

    def test_seed_has_its_domain_tag(self):
        c, b = bytes(range(32)), bytes(32)
        self.assertEqual(draw.seed(c, b), hashlib.sha256(b"tirage/seed/v1\x00" + c + b).digest())


def _key(n):
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"rotation test key %d" % n).digest())
    return private, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _envelope(private, public, statement):
    return {"statement": statement, "key_id": keyring.key_id(public), "signature": private.sign(jcs(statement)).hex()}


def _endorse(prev, new_public, valid_from, until):
    private, public = prev
    return _envelope(private, public, {"type": "tirage/key/v1", "key_id": keyring.key_id(new_public),
                                       "public_key": new_public.hex(), "valid_from": valid_from,
                                       "previous_key_id": keyring.key_id(public), "previous_valid_until": until})


class KeyTrust(unittest.TestCase):
    def setUp(self):
        self.a, self.b, self.c, self.d = _key(1), _key(2), _key(3), _key(4)

    def entry(self, k, valid_from, until=None, endorsement=None):
        e = {"algorithm": "ed25519", "key_id": keyring.key_id(k[1]), "public_key": k[1].hex(), "valid_from": valid_from}
        if until:
            e["valid_until"] = until
        if endorsement:
            e["endorsement"] = endorsement
        return e

    def test_rotations_are_followed_from_a_trusted_key_and_strangers_are_not(self):
        # As the server rotates: the new key from t, the previous one until t + 1 s, so it can endorse at t.
        t1, t2, t3 = "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z"
        t2_end, t3_end = "2026-06-01T00:00:01Z", "2026-09-01T00:00:01Z"
        offered = keyring.keyset_from_json({"keys": [
            self.entry(self.a, t1, t2_end),
            self.entry(self.b, t2, t3_end, _endorse(self.a, self.b[1], t2, t2_end)),
            self.entry(self.c, t3, None, _endorse(self.b, self.c[1], t3, t3_end)),
            # d claims an endorsement by a, but over another key's statement.
            self.entry(self.d, t3, None, _endorse(self.a, self.c[1], t3, t3)),
        ]}, "keys")
        # The verifier pinned a key set from before any rotation: a alone, still current.
        trusted = keyring.keyset_from_json({"keys": [self.entry(self.a, t1)]}, "trusted")
        accepted = keyring.accepted_keys(trusted, offered)
        ids = {keyring.key_id(k[1]) for k in (self.a, self.b, self.c)}
        self.assertEqual(set(accepted), ids)
        # The endorsement ended a's validity, though the pinned set said nothing of it.
        self.assertEqual(accepted[keyring.key_id(self.a[1])].valid_until, parse_time(t2_end, "t"))
        # An endorsement by a key no longer valid when the new key begins is refused.
        late = keyring.keyset_from_json({"keys": [
            self.entry(self.d, t3, None, _endorse(self.a, self.d[1], t3, t3_end))]}, "keys")
        self.assertNotIn(keyring.key_id(self.d[1]), keyring.accepted_keys(
            keyring.keyset_from_json({"keys": [self.entry(self.a, t1, t2_end)]}, "trusted"), late))
        late = _envelope(*self.a, {"type": "x", "at": t3})
        with self.assertRaises(ProtocolError):
            keyring.verify_envelope(late, accepted, parse_time(t3, "t"))
        keyring.verify_envelope(_envelope(*self.c, {"type": "x"}), accepted, parse_time(t3, "t"))
        # Nothing is accepted from the bundle alone.
        self.assertEqual(keyring.accepted_keys([], offered), {})


if __name__ == "__main__":
    unittest.main(argv=sys.argv, verbosity=1)
