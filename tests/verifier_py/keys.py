"""Envelopes, key sets, trusted keys and rotation endorsements (docs/protocol.md section 6)."""
import copy

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from canon import Fields, ProtocolError, format_time, from_hex, jcs, parse_time, sha256

KEY_TYPE = "tirage/key/v1"


def key_id(public_key: bytes) -> str:
    return sha256(public_key)[:8].hex()


def check_envelope(env, what: str):
    """Exactly statement (object), key_id and signature (hex strings)."""
    if type(env) is not dict:
        raise ProtocolError(f"{what}: an envelope must be a JSON object")
    for name in env:
        if name not in ("statement", "key_id", "signature"):
            raise ProtocolError(f'{what}: envelope has an unknown field "{name[:40]}"')
    if type(env.get("statement")) is not dict:
        raise ProtocolError(f'{what}: envelope field "statement" must be an object')
    for name in ("key_id", "signature"):
        from_hex(env.get(name), f'{what}: envelope field "{name}"')


def signature_valid(env, public_key: bytes) -> bool:
    try:
        signature = bytes.fromhex(env["signature"])
        if len(signature) != 64:
            return False
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, jcs(env["statement"]))
        return True
    except (InvalidSignature, ValueError):
        return False


class Key:
    def __init__(self, kid, public_key, valid_from, valid_until, endorsement):
        self.key_id, self.public_key = kid, public_key
        self.valid_from, self.valid_until, self.endorsement = valid_from, valid_until, endorsement


def keyset_from_json(doc, what: str):
    """The keys of a tirage-keys.json document, in order."""
    if type(doc) is not dict or type(doc.get("keys")) is not list:
        raise ProtocolError(f'{what} must be an object with a "keys" array')
    out = []
    for i, k in enumerate(doc["keys"]):
        f = Fields(k, f"{what} keys[{i}]")
        if k.get("algorithm") != "ed25519":
            raise f.bad("algorithm", 'must be "ed25519"')
        pub = from_hex(f.str("public_key"), f'{what} keys[{i}] field "public_key"')
        if len(pub) != 32:
            raise f.bad("public_key", "must be 32 bytes of hex")
        if f.str("key_id") != key_id(pub):
            raise f.bad("key_id", "does not match the public key")
        until = f.time("valid_until") if f.has("valid_until") else None
        endorsement = k.get("endorsement")
        if endorsement is not None:
            check_envelope(endorsement, f"{what} keys[{i}] endorsement")
        out.append(Key(k["key_id"], pub, f.time("valid_from"), until, endorsement))
    return out


def _endorsed_by(offered: Key, accepted: dict):
    """The accepted key that endorsed offered, or None (not endorsed, or not by an accepted key)."""
    env = offered.endorsement
    if env is None or env["key_id"] not in accepted:
        return None
    try:
        f = Fields(env["statement"], "key endorsement")
        f.only(("type", "key_id", "public_key", "valid_from", "previous_key_id", "previous_valid_until"))
        if f.str("type") != KEY_TYPE:
            return None
        public = from_hex(f.str("public_key"), "endorsement public_key")
        valid_from, until = f.time("valid_from"), f.time("previous_valid_until")
        if f.str("key_id") != offered.key_id or public != offered.public_key or valid_from != offered.valid_from:
            return None
        if f.str("previous_key_id") != env["key_id"] or until < valid_from:
            return None
        # Signed by the previous key while it was valid: when the new key began.
        verify_envelope(env, accepted, valid_from)
    except ProtocolError:
        return None
    return accepted[env["key_id"]]


def accepted_keys(trusted, offered):
    """Key id -> Key: the trusted keys, plus offered keys endorsed by an accepted one
    (followed through any number of rotations). Offered keys alone are never accepted."""
    accepted = {k.key_id: copy.copy(k) for k in trusted}
    changed = True
    while changed:
        changed = False
        for k in offered:
            if k.key_id in accepted:
                continue
            signer = _endorsed_by(k, accepted)
            if signer is not None:
                accepted[k.key_id] = copy.copy(k)
                # The endorsement also says until when the previous key signed.
                until = parse_time(k.endorsement["statement"]["previous_valid_until"], "previous_valid_until")
                if signer.valid_until is None or until < signer.valid_until:
                    signer.valid_until = until
                changed = True
    return accepted


def verify_envelope(env, accepted: dict, when: int):
    """Raises unless env is signed by an accepted key valid at `when`."""
    kid = env["key_id"]
    k = accepted.get(kid)
    if k is None:
        raise ProtocolError(f"key {kid[:64]} is not a trusted key (nor endorsed by one)")
    if when < k.valid_from or (k.valid_until is not None and when >= k.valid_until):
        raise ProtocolError(f"key {kid} was not valid at {format_time(when)}")
    if not signature_valid(env, k.public_key):
        raise ProtocolError(f"signature by key {kid} does not verify")
