"""Protocol values: strict JSON reading, JCS (RFC 8785), hex and times.

docs/protocol.md, "Notation". Protocol values are strings, integers in
[0, 2^53 - 1], booleans, arrays and objects; nothing else is serialized.
"""
import calendar
import hashlib
import json
import re


class ProtocolError(Exception):
    """A value that breaks the protocol; the message says what and where."""


MAX_INTEGER = 2**53 - 1


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _no_duplicates(pairs):
    obj = {}
    for name, value in pairs:
        if name in obj:
            raise ProtocolError(f'member "{name[:40]}" appears twice in one object')
        obj[name] = value
    return obj


class _Float:
    """A number with a fraction or exponent: kept only to be rejected by name."""

    def __init__(self, text):
        self.text = text


def _bad_constant(name):
    raise ProtocolError(f"{name} is not JSON")


def parse_json(data: bytes):
    """Parses UTF-8 JSON text strictly (no repeated member names, no NaN)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ProtocolError(f"the file is not valid UTF-8 (byte {e.start})") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_Float,
                           parse_constant=_bad_constant)
    except json.JSONDecodeError as e:
        raise ProtocolError(f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    _check_unicode(value, "$")
    return value


def _check_unicode(v, path):
    """JSON's \\u escapes can spell a lone surrogate, which is no Unicode text."""
    if type(v) is str:
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise ProtocolError(f"at {path}: a string holds a lone surrogate (\\ud800-\\udfff)") from None
    elif type(v) is list:
        for i, item in enumerate(v):
            _check_unicode(item, f"{path}[{i}]")
    elif type(v) is dict:
        for name, item in v.items():
            _check_unicode(name, f"{path} (member name)")
            _check_unicode(item, f"{path}.{name}")


def _utf16_key(name: str):
    return name.encode("utf-16-be")


def _string(s: str, path: str) -> str:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise ProtocolError(f"at {path}: the string is not valid Unicode (a lone surrogate)") from None
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _write(v, path: str, out: list):
    if v is True or v is False:
        out.append("true" if v else "false")
    elif type(v) is int:
        if v < 0:
            raise ProtocolError(f"at {path}: negative integers are not protocol values")
        if v > MAX_INTEGER:
            raise ProtocolError(f"at {path}: integer larger than 2^53-1")
        out.append(str(v))
    elif isinstance(v, _Float) or type(v) is float:
        raise ProtocolError(f"at {path}: numbers with a fraction or exponent are not protocol values")
    elif v is None:
        raise ProtocolError(f"at {path}: null is not a protocol value")
    elif type(v) is str:
        out.append(_string(v, path))
    elif type(v) is list:
        out.append("[")
        for i, item in enumerate(v):
            if i:
                out.append(",")
            _write(item, f"{path}[{i}]", out)
        out.append("]")
    elif type(v) is dict:
        for name in v:
            _string(name, f"{path} (member name)")
        out.append("{")
        for i, name in enumerate(sorted(v, key=_utf16_key)):
            if i:
                out.append(",")
            out.append(_string(name, path))
            out.append(":")
            _write(v[name], f"{path}.{name}", out)
        out.append("}")
    else:
        raise ProtocolError(f"at {path}: unsupported value")


def jcs(value) -> bytes:
    """The canonical UTF-8 bytes of a protocol value."""
    out = []
    _write(value, "$", out)
    return "".join(out).encode("utf-8")


def statement_hash(statement) -> bytes:
    """H(JCS(statement)): commitment_hash, result_hash."""
    return sha256(jcs(statement))


_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")


def from_hex(text, what: str) -> bytes:
    if type(text) is not str or not _HEX.fullmatch(text):
        raise ProtocolError(f"{what} must be a string of hex digits")
    return bytes.fromhex(text)


def hash_from_hex(text, what: str) -> bytes:
    b = from_hex(text, what)
    if len(b) != 32:
        raise ProtocolError(f"{what} must be 64 hex digits (32 bytes)")
    return b


_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")


def parse_time(text, what: str) -> int:
    """Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; nothing else is a time."""
    m = _TIME.fullmatch(text) if type(text) is str else None
    if not m:
        raise ProtocolError(f"{what} must be a time of the form YYYY-MM-DDTHH:MM:SSZ")
    y, mo, d, h, mi, s = (int(g) for g in m.groups())
    if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1] or h > 23 or mi > 59 or s > 59:
        raise ProtocolError(f"{what}: {text} is not a valid date and time")
    return calendar.timegm((y, mo, d, h, mi, s))


def format_time(t: int) -> str:
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


class Fields:
    """Reads one statement's fields, naming the statement and field in errors."""

    def __init__(self, obj, what: str):
        if type(obj) is not dict:
            raise ProtocolError(f"{what} must be a JSON object")
        self.obj, self.what = obj, what

    def bad(self, field: str, why: str):
        return ProtocolError(f'{self.what} field "{field}" {why}')

    def only(self, required, optional=()):
        for name in self.obj:
            if name not in required and name not in optional:
                raise ProtocolError(f'{self.what} has an unknown field "{name[:40]}"')
        for name in required:
            if name not in self.obj:
                raise self.bad(name, "is missing")

    def has(self, field):
        return field in self.obj

    def str(self, field):
        v = self.obj.get(field)
        if type(v) is not str:
            raise self.bad(field, "must be a string")
        return v

    def uint(self, field):
        v = self.obj.get(field)
        if type(v) is not int or v < 0:
            raise self.bad(field, "must be a non-negative integer")
        return v

    def hash(self, field):
        return hash_from_hex(self.str(field), f'{self.what} field "{field}"')

    def time(self, field):
        return parse_time(self.str(field), f'{self.what} field "{field}"')

    def obj_field(self, field):
        v = self.obj.get(field)
        if type(v) is not dict:
            raise self.bad(field, "must be an object")
        return v

    def array(self, field):
        v = self.obj.get(field)
        if type(v) is not list:
            raise self.bad(field, "must be an array")
        return v
