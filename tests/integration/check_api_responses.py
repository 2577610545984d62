#!/usr/bin/env python3
"""Checks every JSON answer the integration suites recorded against docs/openapi.json.

    check_api_responses.py OPENAPI RECORD_DIR

RECORD_DIR holds the answers-*.jsonl files that tests/integration/api_record.cpp
writes while TIRAGE_API_RECORD_DIR is set. For each answer to a documented
route (/api/v1/..., /.well-known/...): the route must be in the document, its
status must be one of the operation's responses, and a JSON body must validate
against that response's schema (JSON Schema 2020-12, python3-jsonschema).
Exit 0 when all hold, 1 with one line per failure, 2 on bad input."""
import glob, json, re, sys

try:
    import jsonschema
except ImportError:
    sys.exit("check_api_responses: python3-jsonschema is missing (scripts/packages.txt installs it)")


def templates(doc):
    """(method, regex, path template) for every operation."""
    out = []
    for path, ops in doc["paths"].items():
        rx = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        for method in ops:
            out.append((method.upper(), re.compile(rx), path))
    # Literal segments win over parameters (/connections/facebook/pages before /connections/{platform}/...).
    out.sort(key=lambda t: t[2].count("{"))
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    doc = json.load(open(sys.argv[1]))
    files = glob.glob(sys.argv[2] + "/answers-*.jsonl")
    if not files:
        print(f"check_api_responses: no recorded answers in {sys.argv[2]} (did the suites run with TIRAGE_API_RECORD_DIR?)", file=sys.stderr)
        return 2
    ops = templates(doc)
    validators = {}
    failures, checked, seen_ops = {}, 0, set()
    for name in files:
        for n, line in enumerate(open(name), 1):
            rec = json.loads(line)
            path, method, status = rec["path"], rec["method"], rec["status"]
            if not (path.startswith("/api/v1/") or path.startswith("/.well-known/")):
                continue
            match = next((t for t in ops if t[0] == method and t[1].match(path)), None)
            if match is None:
                if status == 404 and rec["json"] and rec["body"].get("error", {}).get("message", "").startswith("no route for"):
                    continue  # a suite asking for a route that does not exist, on purpose
                failures.setdefault(f"{method} {path}: not in the document", f"{name}:{n}")
                continue
            seen_ops.add((method, match[2]))
            operation = doc["paths"][match[2]][method.lower()]
            response = operation["responses"].get(str(status)) or operation["responses"].get(f"{status // 100}XX")
            if response is None:
                failures.setdefault(f"{method} {match[2]}: status {status} is not documented (answered {json.dumps(rec['body'])[:200]})", f"{name}:{n}")
                continue
            if "$ref" in response:
                response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            content = response.get("content", {})
            ctype = rec["content_type"].split(";")[0].strip()
            if not content:
                continue
            if ctype not in content:
                failures.setdefault(f"{method} {match[2]} {status}: answered {ctype or 'no body'}, documented {', '.join(content)}", f"{name}:{n}")
                continue
            schema = content[ctype].get("schema")
            if ctype != "application/json" or schema is None:
                continue
            key = (match[2], method, status)
            if key not in validators:
                # The response's schema inside a root that carries the components, so #/components/... resolves.
                root = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": doc["components"], "allOf": [schema]}
                validators[key] = jsonschema.Draft202012Validator(root)
            checked += 1
            for err in validators[key].iter_errors(rec["body"]):
                where = "/".join(str(p) for p in err.absolute_path) or "(body)"
                failures.setdefault(f"{method} {match[2]} {status}: {where}: {err.message[:200]}", f"{name}:{n}")
    for message, where in sorted(failures.items()):
        print(f"FAIL {message}  [{where}]")
    documented = sum(len(v) for v in doc["paths"].values())
    print(f"check_api_responses: {checked} JSON answers validated, {len(seen_ops)} of {documented} documented operations exercised, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
