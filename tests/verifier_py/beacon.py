"""Beacons (docs/protocol.md section 2): drand chains and the local commit/reveal beacon."""
import struct

from canon import Fields, ProtocolError, from_hex, hash_from_hex, parse_time, sha256

LOCAL_TAG = b"tirage/local-beacon/v1\x00"

QUICKNET = {
    "hash": "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
    "genesis_time": 1692803367,
    "period": 3,
    "public_key": "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d"
                  "1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
    "schemeID": "bls-unchained-g1-rfc9380",
}


def chain_hash(info: dict) -> str:
    """drand's chain hash of a chain info document."""
    beacon_id = (info.get("metadata") or {}).get("beaconID", "")
    h = struct.pack(">I", info["period"]) + struct.pack(">q", info["genesis_time"])
    h += bytes.fromhex(info["public_key"]) + bytes.fromhex(info["groupHash"])
    if beacon_id not in ("", "default"):
        h += beacon_id.encode("utf-8")
    return sha256(h).hex()


def chain_from_info(info) -> dict:
    """A chain the verifier may use, from a drand chain info file: its scheme must be the one
    the protocol uses, and its hash is recomputed from the other fields, never taken."""
    f = Fields(info, "drand chain info")
    for field in ("hash", "public_key", "groupHash", "schemeID"):
        f.str(field)
    for field in ("period", "genesis_time"):
        if type(info.get(field)) is not int:
            raise f.bad(field, "must be an integer")
    if not 0 < info["period"] < 2**32:
        raise f.bad("period", "must be a positive 32-bit number of seconds")
    if info["schemeID"] != QUICKNET["schemeID"]:
        raise f.bad("schemeID", f'must be {QUICKNET["schemeID"]}')
    if len(from_hex(info["public_key"], 'drand chain info field "public_key"')) != 96:
        raise f.bad("public_key", "must be 96 bytes of hex (a compressed G2 point)")
    hash_from_hex(info["groupHash"], 'drand chain info field "groupHash"')
    metadata = info.get("metadata", {})
    if type(metadata) is not dict or type(metadata.get("beaconID", "")) is not str:
        raise f.bad("metadata", 'must be an object whose "beaconID" is a string')
    computed = chain_hash(info)
    if hash_from_hex(info["hash"], 'drand chain info field "hash"') != bytes.fromhex(computed):
        raise f.bad("hash", f"is {info['hash']} but the chain's fields hash to {computed}")
    return {"hash": computed, "genesis_time": info["genesis_time"], "period": info["period"],
            "public_key": info["public_key"], "schemeID": info["schemeID"]}


def local_commit(secret: bytes) -> bytes:
    return sha256(LOCAL_TAG + secret)


def check_committed(beacon):
    f = Fields(beacon, "beacon")
    source = f.str("source")
    if source == "drand":
        f.hash("chain_hash")
        if f.uint("round") < 1:
            raise f.bad("round", "must be a positive integer")
    elif source == "local":
        f.hash("commit")
        f.time("reveal_at")
    else:
        raise ProtocolError(f'beacon source "{source[:40]}" is not drand or local')


def publication_time(beacon, chains: dict) -> int:
    """When the beacon value became public: the round's time, or reveal_at."""
    if beacon["source"] == "local":
        return parse_time(beacon["reveal_at"], "beacon reveal_at")
    chain = chains.get(beacon["chain_hash"])
    if chain is None:
        raise ProtocolError(f"drand chain {beacon['chain_hash']} is not known")
    return chain["genesis_time"] + (beacon["round"] - 1) * chain["period"]


def value(committed, revealed) -> bytes:
    """The 32-byte beacon value, after checking the revealed beacon against the committed one."""
    if type(revealed) is not dict:
        raise ProtocolError('result field "beacon" must be an object')
    for name, v in committed.items():
        if name not in revealed or revealed[name] != v or type(revealed[name]) is not type(v):
            raise ProtocolError(f'result beacon field "{name}" differs from the commitment\'s')
    f = Fields(revealed, "result beacon")
    if committed["source"] == "drand":
        randomness = f.hash("randomness")
        signature = from_hex(f.str("signature"), 'result beacon field "signature"')
        if not signature:
            raise f.bad("signature", "must be non-empty hex")
        if sha256(signature) != randomness:
            raise ProtocolError("drand randomness is not H(signature)")
        return randomness
    secret = f.hash("secret")
    if local_commit(secret) != hash_from_hex(committed["commit"], "beacon commit"):
        raise ProtocolError("local beacon secret does not match its commit")
    return secret
