#!/usr/bin/env python3
"""The layering rule of docs/architecture.md, checked on every #include:

- shared/ includes nothing from server/, wasm/, cli/, tests/, nor Emscripten or
  cpp-httplib or SQLite (it does no I/O);
- a file in shared/<concept>/ includes only its own concept and the concepts its
  library builds on: the CONCEPTS of tirage_shared_library() in
  shared/<concept>/CMakeLists.txt (cmake/shared_library.cmake), so the build's
  graph and the code's cannot drift apart; a folder of shared/ with sources and
  no such library breaks the rule too;
- server/ and wasm/ never include each other; cli/ includes neither.

Before checking REPO it checks itself: a copy of REPO's shared/ build files with
planted includes must be refused, so a checker that finds nothing fails too.

    check_layers.py REPO      exit 0 when every include keeps the rule, 1 listing each one that breaks it
"""
import pathlib, re, shutil, sys, tempfile

RULES = {
    "shared": [r'"(server|wasm|cli|tests)/', r"<emscripten", r"<httplib\.h>", r"<sqlite3\.h>"],
    "server": [r'"wasm/', r"<emscripten"],
    "wasm": [r'"server/'],
    "cli": [r'"server/', r'"wasm/', r"<emscripten"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"][^>"]+[>"])')
SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc")
LIBRARY_CALL = re.compile(r"tirage_shared_library\s*\(([^)]*)\)", re.S)
KEYWORD = re.compile(r"^[A-Z_]+$")


def concept_graph(repo):
    """{concept: set of concepts it may include} from each shared/<concept>/CMakeLists.txt."""
    graph = {}
    for cmake in sorted((repo / "shared").glob("*/CMakeLists.txt")):
        text = re.sub(r"#.*", "", cmake.read_text())
        for call in LIBRARY_CALL.finditer(text):
            words = call.group(1).split()
            allowed, section = set(), None
            for word in words[1:]:
                if KEYWORD.match(word):
                    section = word
                elif section == "CONCEPTS":
                    allowed.add(word)
            graph.setdefault(cmake.parent.name, set()).update(allowed | {cmake.parent.name})
    return graph


def sources(folder):
    return [p for p in sorted(folder.rglob("*")) if p.suffix in SOURCE_SUFFIXES and p.is_file()]


def check(repo):
    """(list of broken includes as "path:line: why", number of files read)."""
    broken, files = [], 0
    for layer, forbidden in RULES.items():
        for path in sources(repo / layer):
            files += 1
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and any(re.match(rule, m.group(1)) for rule in forbidden):
                    broken.append(f"{path.relative_to(repo)}:{n}: {layer}/ must not include {m.group(1)}")
    graph = concept_graph(repo)
    for folder in sorted(p for p in (repo / "shared").iterdir() if p.is_dir()):
        concept = folder.name
        if concept not in graph:
            if sources(folder):
                broken.append(f"shared/{concept}/: sources but no tirage_shared_library() in its CMakeLists.txt")
            continue
        for path in sources(folder):
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                used = m and re.match(r'"shared/([^/"]+)/', m.group(1))
                if used and used.group(1) not in graph[concept]:
                    broken.append(f"{path.relative_to(repo)}:{n}: shared/{concept}/ includes {m.group(1)}, "
                                  f"but its library does not link tirage::{used.group(1)} "
                                  f"(CONCEPTS in shared/{concept}/CMakeLists.txt)")
    return broken, files


def self_test(repo):
    """None when check() refuses each planted include in a copy of REPO's shared/ build files, else why not."""
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for cmake in (repo / "shared").glob("*/CMakeLists.txt"):
            (root / "shared" / cmake.parent.name).mkdir(parents=True)
            shutil.copy(cmake, root / "shared" / cmake.parent.name)
        planted = {
            "shared/core/planted.hpp": '#include "shared/protocol/jcs.hpp"\n',    # core builds on nothing
            "shared/crypto/planted.cpp": '#include "server/app.hpp"\n',           # shared/ knows no edge
            "shared/unlisted/planted.cpp": '#include "shared/core/result.hpp"\n',  # a folder with no library
            "server/planted.cpp": '#include "wasm/app/main.hpp"\n',
        }
        for name, text in planted.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        broken, _ = check(root)
        missed = [name for name in planted if not any(b.startswith(name.rsplit("/", 1)[0] + "/") for b in broken)]
        if len(broken) != len(planted) or missed:
            return f"planted {len(planted)} broken includes, found {len(broken)} ({broken}); missed {missed}"
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = pathlib.Path(sys.argv[1])
    failure = self_test(repo)
    if failure:
        print(f"check_layers: the checker itself is broken: {failure}")
        return 1
    broken, files = check(repo)
    for b in broken:
        print(b)
    graph = concept_graph(repo)
    print(f"check_layers: {files} files, {len(graph)} concept libraries, {len(broken)} includes across layers")
    return 1 if broken or files == 0 or not graph else 0


if __name__ == "__main__":
    sys.exit(main())
