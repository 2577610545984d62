"""Verifying a result bundle: docs/protocol.md section 8, the checks in their order."""
from dataclasses import dataclass, field

import beacon as beacons
import draw
import entries
import keys as keyring
import merkle
from canon import Fields, ProtocolError, format_time, from_hex, hash_from_hex, jcs, statement_hash

PLATFORMS_OF_POSTS = ("instagram", "facebook", "x", "youtube", "tiktok")


@dataclass
class Check:
    step: int
    id: str
    ok: bool
    detail: str = ""
    checked: bool = True  # False: reported, but this verifier cannot check it (BLS)


@dataclass
class Report:
    checks: list = field(default_factory=list)
    commitment: dict = None
    winners: list = None  # the winners' entries after substitutions, rank order

    def first_failure(self):
        return next((c for c in self.checks if not c.ok), None)

    def ok(self):
        return bool(self.checks) and self.first_failure() is None


class _Stop(Exception):
    pass


class _Run:
    def __init__(self):
        self.report = Report()

    def add(self, step, check_id, fn, ok_detail=""):
        """Runs fn; records a passing check (with fn's or ok_detail's text) or a failing one."""
        try:
            detail = fn()
            self.report.checks.append(Check(step, check_id, True, detail if isinstance(detail, str) else ok_detail))
            return True
        except ProtocolError as e:
            self.report.checks.append(Check(step, check_id, False, str(e)))
            return False

    def require(self, *results):
        if not all(results):
            raise _Stop()


def _hashes(values, what):
    if type(values) is not list:
        raise ProtocolError(f"{what} must be an array of hex hashes")
    return [hash_from_hex(h, f"{what}[{i}]") for i, h in enumerate(values)]


# Statement shapes (sections 2, 5, 7).

def parse_commitment(s):
    f = Fields(s, "commitment")
    if f.str("type") != "tirage/commitment/v1":
        raise f.bad("type", 'must be "tirage/commitment/v1"')
    f.only(("type", "draw_id", "giveaway_id", "title", "organizer", "participants_root", "participants_count",
            "winners", "alternates", "rules", "beacon", "committed_at"),
           ("publish_by", "sources", "giveaway_url"))
    c = {name: f.str(name) for name in ("draw_id", "giveaway_id", "title", "organizer")}
    c["root"] = f.hash("participants_root")
    c["n"], c["k"], c["m"] = f.uint("participants_count"), f.uint("winners"), f.uint("alternates")
    c["committed_at"] = f.time("committed_at")
    f.obj_field("rules")
    beacons.check_committed(s["beacon"])
    c["beacon"] = s["beacon"]
    if c["k"] < 1:
        raise f.bad("winners", "must be at least 1")
    if c["k"] + c["m"] > c["n"]:
        raise f.bad("winners", "plus alternates exceed participants_count")
    c["publish_by"] = f.time("publish_by") if f.has("publish_by") else None
    if f.has("sources"):
        sources = f.array("sources")
        if not 1 <= len(sources) <= 20:
            raise f.bad("sources", "must name 1 to 20 posts")
        seen = []
        for i, src in enumerate(sources):
            g = Fields(src, f"commitment sources[{i}]")
            g.only(("platform", "post_id"))
            if g.str("platform") not in PLATFORMS_OF_POSTS:
                raise g.bad("platform", "must be one of " + ", ".join(PLATFORMS_OF_POSTS))
            post = g.str("post_id")
            if not 1 <= len(post) <= 200 or any(not " " <= ch <= "~" for ch in post):
                raise g.bad("post_id", "must be 1 to 200 printable ASCII characters")
            if (src["platform"], post) in seen:
                raise ProtocolError(f"commitment sources[{i}] repeats an earlier post")
            seen.append((src["platform"], post))
    if f.has("giveaway_url"):
        url = f.str("giveaway_url")
        if (not url.startswith("https://") or len(url) <= 8 or url[8] == "/" or len(url) > 500
                or any(not "!" <= ch <= "~" for ch in url)):
            raise f.bad("giveaway_url", "must be an https:// link (printable ASCII, no spaces, at most 500 bytes)")
    return c


def parse_pick(p, where):
    f = Fields(p, where)
    f.only(("rank", "index", "entry", "proof"))
    return {"rank": f.uint("rank"), "index": f.uint("index"), "entry": entries.entry_from_json(p["entry"], where),
            "proof": _hashes(p["proof"], f"{where} proof")}


def parse_result(s):
    f = Fields(s, "result")
    if f.str("type") != "tirage/result/v1":
        raise f.bad("type", 'must be "tirage/result/v1"')
    f.only(("type", "draw_id", "commitment_hash", "beacon", "seed", "winners", "alternates", "drawn_at"))
    r = {"draw_id": f.str("draw_id"), "commitment_hash": f.hash("commitment_hash"), "seed": f.hash("seed"),
         "drawn_at": f.time("drawn_at"), "beacon": f.obj_field("beacon")}
    for which in ("winners", "alternates"):
        r[which] = [parse_pick(p, f"{which}[{i}]") for i, p in enumerate(f.array(which))]
    return r


def parse_substitution(s):
    f = Fields(s, "substitution")
    if f.str("type") != "tirage/substitution/v1":
        raise f.bad("type", 'must be "tirage/substitution/v1"')
    f.only(("type", "draw_id", "result_hash", "replaced_rank", "alternate_rank", "reason", "substituted_at"))
    return {"draw_id": f.str("draw_id"), "result_hash": f.hash("result_hash"), "replaced": f.uint("replaced_rank"),
            "alternate": f.uint("alternate_rank"), "reason": f.str("reason"), "at": f.time("substituted_at")}


def parse_tree_head(s):
    f = Fields(s, "tree head")
    if f.str("type") != "tirage/sth/v1":
        raise f.bad("type", 'must be "tirage/sth/v1"')
    f.only(("type", "tree_size", "root_hash", "timestamp"))
    return {"size": f.uint("tree_size"), "root": f.hash("root_hash"), "timestamp": f.time("timestamp")}


def parse_bundle(b):
    f = Fields(b, "bundle")
    f.only(("keys", "commitment", "result", "log"), ("substitutions",))
    offered = keyring.keyset_from_json(b["keys"], 'bundle field "keys"')
    for name in ("commitment", "result"):
        keyring.check_envelope(b[name], f"bundle field \"{name}\"")
    subs = f.array("substitutions") if f.has("substitutions") else []
    for i, env in enumerate(subs):
        keyring.check_envelope(env, f"substitutions[{i}]")
    log = Fields(b["log"], "bundle field \"log\"")
    log.only(("sth", "inclusion"), ("committed",))
    keyring.check_envelope(b["log"]["sth"], "log.sth")
    log.array("inclusion")
    if log.has("committed"):
        g = Fields(b["log"]["committed"], "log.committed")
        g.only(("sth", "index", "proof", "consistency"))
        keyring.check_envelope(b["log"]["committed"]["sth"], "log.committed.sth")
        g.uint("index")
        _hashes(b["log"]["committed"]["proof"], "log.committed.proof")
        _hashes(b["log"]["committed"]["consistency"], "log.committed.consistency")
    return offered, subs


# The checks.

def _check_picks(c, indices, picks, which):
    if len(picks) != len(indices):
        raise ProtocolError(f"{which}: expected {len(indices)} entries, got {len(picks)}")
    for i, p in enumerate(picks):
        where = f"{which} rank {i + 1}"
        if p["rank"] != i + 1:
            raise ProtocolError(f"{where}: rank is {p['rank']}")
        if p["index"] != indices[i]:
            raise ProtocolError(f"{where}: index {p['index']} is not the selected index {indices[i]}")
        try:
            normalized = entries.normalize(p["entry"])
        except ProtocolError:
            normalized = None
        if normalized != p["entry"]:
            raise ProtocolError(f"{where}: the entry is not in normalized form")
        leaf = merkle.leaf_hash(entries.leaf(p["entry"]))
        if not merkle.verify_inclusion(leaf, p["index"], c["n"], p["proof"], c["root"]):
            raise ProtocolError(f"{where}: the inclusion proof of index {p['index']} does not lead to participants_root")
    return f"{len(picks)} {which}(s)"


def _check_substitution_order(subs, k, m):
    for i, s in enumerate(subs):
        where = f"substitution {i + 1}"
        if not 1 <= s["replaced"] <= k:
            raise ProtocolError(f"{where}: replaced_rank {s['replaced']} is not a winner rank (1..{k})")
        if i + 1 > m:
            raise ProtocolError(f"{where}: no alternate is left")
        if s["alternate"] != i + 1:
            raise ProtocolError(f"{where}: takes alternate rank {s['alternate']} but the lowest unused is {i + 1}")
        if not s["reason"]:
            raise ProtocolError(f"{where}: the reason is empty")


def _find_inclusion(inclusion, leaf_hex):
    for i, inc in enumerate(inclusion):
        if type(inc) is dict and inc.get("leaf_hash") == leaf_hex:
            return i, inc
    raise ProtocolError(f"no log inclusion proof for leaf {leaf_hex}")


def _check_logged(inclusion, env, head):
    leaf = merkle.leaf_hash(jcs(env))
    i, inc = _find_inclusion(inclusion, leaf.hex())
    where = f"log.inclusion[{i}]"
    g = Fields(inc, where)
    index = g.uint("index")
    proof = _hashes(inc.get("proof"), f"{where} proof")
    if not merkle.verify_inclusion(leaf, index, head["size"], proof, head["root"]):
        raise ProtocolError(f"{where}: the proof for log index {index} does not lead to the tree head's root")


def _signed_head(env, accepted, what):
    head = parse_tree_head(env["statement"])
    keyring.verify_envelope(env, accepted, head["timestamp"])
    return head


def verify(bundle, trusted_keys, chains=None, known=None):
    """Runs the checks on a parsed bundle with the caller's trusted keys (a list of keys.Key).
    chains: chain hash -> chain (quicknet is always known). known: (sth envelope, [hashes]) or None."""
    chains = dict(chains or {})
    chains.setdefault(beacons.QUICKNET["hash"], beacons.QUICKNET)
    run = _Run()
    try:
        _verify(run, bundle, trusted_keys, chains, known)
    except _Stop:
        pass
    return run.report


def _verify(run, b, trusted, chains, known):
    parsed = {}
    run.require(run.add(0, "bundle_well_formed", lambda: parsed.update(zip(("offered", "subs"), parse_bundle(b)))))
    run.require(run.add(0, "commitment_well_formed", lambda: parsed.update(c=parse_commitment(b["commitment"]["statement"]))))
    c = parsed["c"]
    run.report.commitment = c
    run.require(run.add(0, "result_well_formed", lambda: parsed.update(r=parse_result(b["result"]["statement"]))))
    r = parsed["r"]

    # Step 1: signatures, with trusted keys (and keys they endorsed) only.
    accepted = keyring.accepted_keys(trusted, parsed["offered"])

    def keys_trusted():
        if not trusted:
            raise ProtocolError("no trusted key was given to check the signatures with")
        return f"{len(trusted)} trusted key(s), {len(accepted) - len(trusted)} accepted through rotation"
    run.require(run.add(1, "keys_trusted", keys_trusted))
    run.require(
        run.add(1, "commitment_signed", lambda: keyring.verify_envelope(b["commitment"], accepted, c["committed_at"]),
                "key " + b["commitment"]["key_id"]),
        run.add(1, "result_signed", lambda: keyring.verify_envelope(b["result"], accepted, r["drawn_at"]),
                "key " + b["result"]["key_id"]))

    # Step 2: the result is bound to this commitment.
    commitment_hash = statement_hash(b["commitment"]["statement"])

    def bound():
        if r["commitment_hash"] != commitment_hash:
            raise ProtocolError(f"the result names commitment {r['commitment_hash'].hex()} "
                                f"but the commitment hashes to {commitment_hash.hex()}")
        if r["draw_id"] != c["draw_id"]:
            raise ProtocolError(f"the result is for draw {r['draw_id']}, the commitment for {c['draw_id']}")
        return commitment_hash.hex()
    run.require(run.add(2, "result_bound", bound))

    # Step 3: the beacon.
    source = c["beacon"]["source"]
    run.require(run.add(3, "beacon_" + source,
                        lambda: parsed.update(value=beacons.value(c["beacon"], r["beacon"]))))
    if source == "drand":
        known_chain = c["beacon"]["chain_hash"] in chains
        run.report.checks.append(Check(
            3, "beacon_drand_signature", known_chain,
            "not checked here: this verifier has no BLS12-381 implementation; the core verifier (tirage verify) "
            "checks the round's signature against the chain key" if known_chain else
            f"drand chain {c['beacon']['chain_hash']} is not known", checked=False))
        run.require(known_chain)
    published = {}

    def after():
        t = beacons.publication_time(c["beacon"], chains)
        published["t"] = t
        if t <= c["committed_at"]:
            raise ProtocolError(f"the beacon was published at {format_time(t)}, not after the commitment at "
                                f"{format_time(c['committed_at'])}")
        if r["drawn_at"] < t:
            raise ProtocolError(f"the result claims to be drawn at {format_time(r['drawn_at'])}, "
                                "before the beacon existed")
        return f"beacon published {format_time(t)}, committed {format_time(c['committed_at'])}"
    run.require(run.add(3, "beacon_after_commitment", after))

    def deadline():
        if c["publish_by"] is None:
            return "no publication deadline (made before deadlines existed)"
        if c["publish_by"] < published["t"]:
            raise ProtocolError(f"publish_by {format_time(c['publish_by'])} is before the beacon's publication")
        if r["drawn_at"] > c["publish_by"]:
            raise ProtocolError(f"the result was drawn at {format_time(r['drawn_at'])}, after the deadline "
                                f"{format_time(c['publish_by'])}")
        return f"drawn before the deadline {format_time(c['publish_by'])}"
    run.add(3, "published_in_time", deadline)  # a late result fails here; later checks still run

    # Step 4: seed and selection.
    seed = draw.seed(commitment_hash, parsed["value"])

    def seed_ok():
        if seed != r["seed"]:
            raise ProtocolError(f"expected seed {seed.hex()}")
    run.require(run.add(4, "seed", seed_ok))
    run.require(run.add(4, "selection", lambda: parsed.update(sel=draw.select(seed, c["n"], c["k"], c["m"]))))
    winners, alternates = parsed["sel"]

    # Step 5: the picks are at those indices in the committed list.
    run.require(run.add(5, "winners_included", lambda: _check_picks(c, winners, r["winners"], "winner")),
                run.add(5, "alternates_included", lambda: _check_picks(c, alternates, r["alternates"], "alternate")))

    # Substitutions: signed, bound to this result, alternates in order.
    result_hash = statement_hash(b["result"]["statement"])
    subs = []
    for i, env in enumerate(parsed["subs"]):
        def one(env=env):
            s = parse_substitution(env["statement"])
            if s["result_hash"] != result_hash or s["draw_id"] != c["draw_id"]:
                raise ProtocolError("it does not refer to this result")
            keyring.verify_envelope(env, accepted, s["at"])
            subs.append(s)
        run.require(run.add(1, "substitution_signed", one))
    if subs:
        run.require(run.add(5, "substitutions_in_order", lambda: _check_substitution_order(subs, c["k"], c["m"])))
    holders = [p["entry"] for p in r["winners"]]
    for s in subs:
        holders[s["replaced"] - 1] = r["alternates"][s["alternate"] - 1]["entry"]
    run.report.winners = holders

    # Step 6: everything is in the signed log.
    log = b["log"]
    run.require(run.add(6, "tree_head_signed", lambda: parsed.update(head=_signed_head(log["sth"], accepted, "log.sth"))))
    head = parsed["head"]
    logged = [("commitment_logged", b["commitment"]), ("result_logged", b["result"])]
    logged += [("substitution_logged", env) for env in parsed["subs"]]
    run.require(*[run.add(6, cid, lambda env=env: _check_logged(log["inclusion"], env, head)) for cid, env in logged])

    def logged_before_beacon():
        if "committed" not in log:
            raise ProtocolError("the bundle does not prove the commitment was logged before the beacon "
                                "(it has no log.committed)")
        f = Fields(log["committed"], "log.committed")
        early = _signed_head(log["committed"]["sth"], accepted, "log.committed.sth")
        if early["timestamp"] >= published["t"]:
            raise ProtocolError(f"the tree head of {format_time(early['timestamp'])} is not before the beacon's "
                                f"publication at {format_time(published['t'])}")
        index = f.uint("index")
        leaf = merkle.leaf_hash(jcs(b["commitment"]))
        if not merkle.verify_inclusion(leaf, index, early["size"], _hashes(log["committed"]["proof"],
                                       "log.committed.proof"), early["root"]):
            raise ProtocolError(f"the commitment is not at index {index} of the tree head signed at "
                                f"{format_time(early['timestamp'])}")
        if early["size"] > head["size"] or not merkle.verify_consistency(early["size"], head["size"], early["root"], head["root"],
                                         _hashes(log["committed"]["consistency"], "log.committed.consistency")):
            raise ProtocolError(f"the log of size {early['size']} is not a prefix of the log of size {head['size']}")
        return f"logged by {format_time(early['timestamp'])}, before the beacon at {format_time(published['t'])}"
    run.require(run.add(6, "logged_before_beacon", logged_before_beacon))

    if known is not None:
        def consistent():
            other = _signed_head(known[0], accepted, "known tree head")
            a, z = (other, head) if other["size"] <= head["size"] else (head, other)
            if not merkle.verify_consistency(a["size"], z["size"], a["root"], z["root"], known[1]):
                raise ProtocolError(f"the log of size {a['size']} is not a prefix of the log of size {z['size']}")
        run.add(6, "log_consistent", consistent)
