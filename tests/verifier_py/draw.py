"""Seed, random stream, uniform(n) and the selection (docs/protocol.md sections 3 and 4)."""
from canon import ProtocolError, sha256

SEED_TAG = b"tirage/seed/v1\x00"


def seed(commitment_hash: bytes, beacon_value: bytes) -> bytes:
    return sha256(SEED_TAG + commitment_hash + beacon_value)


class Stream:
    def __init__(self, seed_bytes: bytes):
        self.seed, self.counter, self.buffer = seed_bytes, 0, b""

    def next_u64(self) -> int:
        if not self.buffer:
            self.buffer = sha256(self.seed + self.counter.to_bytes(8, "big"))
            self.counter += 1
        word, self.buffer = self.buffer[:8], self.buffer[8:]
        return int.from_bytes(word, "big")

    def uniform(self, n: int) -> int:
        limit = (2**64 // n) * n
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n


def select(seed_bytes: bytes, n: int, winners: int, alternates: int):
    """(winner indices, alternate indices), each in rank order."""
    if winners < 1:
        raise ProtocolError("at least one winner is needed")
    if winners + alternates > n:
        raise ProtocolError(f"winners + alternates ({winners} + {alternates}) exceed the {n} participants")
    stream, moved, picked = Stream(seed_bytes), {}, []
    for i in range(winners + alternates):
        j = i + stream.uniform(n - i)
        a_i, a_j = moved.get(i, i), moved.get(j, j)
        moved[i], moved[j] = a_j, a_i
        picked.append(a_j)
    return picked[:winners], picked[winners:]
