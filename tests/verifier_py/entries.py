"""Participant entries (docs/protocol.md section 1): normalization, key, leaf."""
import unicodedata

from canon import ProtocolError, jcs

PLATFORMS = ("instagram", "facebook", "x", "youtube", "tiktok", "list")
_SPACE = " \t\n\r\f\v"


def entry_from_json(obj, where: str) -> dict:
    """An entry object with exactly platform, id and name, all strings."""
    if type(obj) is not dict:
        raise ProtocolError(f"{where}: an entry must be a JSON object")
    for name in obj:
        if name not in ("platform", "id", "name"):
            raise ProtocolError(f'{where}: entry has an unknown field "{name[:40]}"')
    for name in ("platform", "id", "name"):
        if type(obj.get(name)) is not str:
            raise ProtocolError(f'{where}: entry field "{name}" must be a string')
    return {"platform": obj["platform"], "id": obj["id"], "name": obj["name"]}


def normalize(entry: dict) -> dict:
    platform, id_, name = entry["platform"], entry["id"], entry["name"]
    if platform not in PLATFORMS:
        raise ProtocolError(f'entry platform "{platform[:40]}" is not one of {", ".join(PLATFORMS)}')
    for field, value in (("id", id_), ("name", name)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ProtocolError(f'entry field "{field}" is not valid UTF-8') from None
    id_ = unicodedata.normalize("NFC", id_.strip(_SPACE))
    name = unicodedata.normalize("NFC", name)
    if platform == "list":
        id_ = id_.lstrip("@" + _SPACE)
        id_ = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in id_)
    if not id_:
        raise ProtocolError('entry field "id" is empty after normalization')
    return {"platform": platform, "id": id_, "name": name}


def leaf(entry: dict) -> bytes:
    """JCS(entry): the entry's Merkle leaf."""
    return jcs(entry)


def key(entry: dict) -> bytes:
    return (entry["platform"] + ":" + entry["id"]).encode("utf-8")


def build_list(raw_entries):
    """The participant list: normalized, first of each key kept, sorted by key bytes."""
    seen, kept = set(), []
    for i, e in enumerate(raw_entries):
        try:
            n = normalize(e)
        except ProtocolError as err:
            raise ProtocolError(f"entry {i + 1}: {err}") from None
        k = key(n)
        if k not in seen:
            seen.add(k)
            kept.append(n)
    return sorted(kept, key=key)
