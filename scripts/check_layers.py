#!/usr/bin/env python3
"""The layering rule of docs/architecture.md, checked on every #include:

- shared/ includes nothing from server/, wasm/, cli/, tests/, nor Emscripten or
  cpp-httplib or SQLite (it does no I/O);
- server/ and wasm/ never include each other; cli/ includes neither.

    check_layers.py REPO      exit 0 when every include keeps the rule, 1 listing each one that breaks it
"""
import pathlib, re, sys

RULES = {
    "shared": [r'"(server|wasm|cli|tests)/', r"<emscripten", r"<httplib\.h>", r"<sqlite3\.h>"],
    "server": [r'"wasm/', r"<emscripten"],
    "wasm": [r'"server/'],
    "cli": [r'"server/', r'"wasm/', r"<emscripten"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"][^>"]+[>"])')


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = pathlib.Path(sys.argv[1])
    broken, files = [], 0
    for layer, forbidden in RULES.items():
        for path in sorted((repo / layer).rglob("*")):
            if path.suffix not in (".cpp", ".hpp", ".h", ".cc") or not path.is_file():
                continue
            files += 1
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and any(re.match(rule, m.group(1)) for rule in forbidden):
                    broken.append(f"{path.relative_to(repo)}:{n}: {layer}/ must not include {m.group(1)}")
    for b in broken:
        print(b)
    print(f"check_layers: {files} files, {len(broken)} includes across layers")
    return 1 if broken or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
