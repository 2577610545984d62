#!/usr/bin/env bash
# Installs what the project needs and builds the Wasm third-party libraries,
# once. Idempotent: quiet when nothing is missing. Called by every make target.
#
#   scripts/bootstrap.sh            # packages + Wasm deps; prints nothing when all is there
#
# Environment:
#   TIRAGE_CACHE   where downloaded sources and Wasm builds are kept
#                  (default ~/.cache/tirage; outside the clone, reused by CI runs)
#   TIRAGE_SKIP_PACKAGES=1  install no Debian package: the caller installed what
#                  it builds with (the Dockerfile's Wasm stage, which needs no
#                  browser, fuzzer or test servers)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cache="${TIRAGE_CACHE:-$HOME/.cache/tirage}"

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

# One bootstrap at a time per cache: checkouts that share it (worktrees, a
# fresh clone beside this one) would otherwise delete each other's Wasm builds
# half-way (seen: two at once left OpenSSL's build without its log).
mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
  say "waiting for another bootstrap using $cache"
  flock 9
fi

# Runs a command as root: directly, with sudo -n, or not at all.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 126
  fi
}

# --- 1. Debian packages -------------------------------------------------------
wanted=$(grep -v '^\s*#' "$here/packages.txt" | grep -v '^\s*$')
missing=()
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if [ ${#missing[@]} -gt 0 ] && [ "${TIRAGE_SKIP_PACKAGES:-}" != 1 ]; then
  say "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  if ! as_root true; then
    die "these packages are missing and I cannot become root (no sudo): ${missing[*]}
       install them with: apt-get install ${missing[*]}"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  say "packages installed"
fi

# --- 2. Debian source packages for the Wasm build -----------------------------
export NODE_PATH=/usr/share/nodejs
src="$cache/src"
mkdir -p "$src" "$repo/build"
if ! ls "$src"/openssl_*.orig.tar.gz >/dev/null 2>&1 || ! ls "$src"/utf8proc_*.orig.tar.* >/dev/null 2>&1 \
   || ! ls "$src"/zlib_*.orig.tar.* >/dev/null 2>&1 || ! ls "$src"/pugixml_*.orig.tar.* >/dev/null 2>&1; then
  list=/etc/apt/sources.list.d/tirage-src.sources
  if [ ! -f "$list" ]; then
    say "adding a deb-src entry ($list)"
    as_root tee "$list" >/dev/null <<'SRC' || die "cannot write $list (need root)"
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  fi
  say "fetching Debian source packages: openssl utf8proc imgui zlib pugixml (into $src)"
  (cd "$src" && apt-get source --download-only -qq openssl utf8proc imgui zlib pugixml >/dev/null 2>&1) \
    || die "apt-get source failed; check the deb-src entry in $list"
fi

# The Wasm prefix is keyed by the versions that went into it.
version_of() { basename "$1" | sed -E 's/^[^_]+_([^-]+)\.orig.*/\1/'; }
ssl_tar=$(ls "$src"/openssl_*.orig.tar.gz | sort -V | tail -1)
u8_tar=$(ls "$src"/utf8proc_*.orig.tar.* | sort -V | tail -1)
emver=$(dpkg-query -W -f='${Version}' emscripten | sed 's/[^0-9.].*//')
prefix="$cache/wasm-deps/openssl-$(version_of "$ssl_tar")_utf8proc-$(version_of "$u8_tar")_emscripten-${emver}"
echo "$prefix" > "$repo/build/wasm-deps.path"
mkdir -p "$prefix/lib" "$prefix/include"

# zlib and pugixml are compiled by CMake itself in the Wasm tree
# (cmake/third_party.cmake); their sources are unpacked here, once.
for lib in zlib pugixml; do
  tarball=$(ls "$src"/${lib}_*.orig.tar.* | sort -V | tail -1)
  stamp="$prefix/src/$lib/.from-$(basename "$tarball")"
  if [ ! -f "$stamp" ]; then
    rm -rf "$prefix/src/$lib" && mkdir -p "$prefix/src/$lib"
    tar -xf "$tarball" -C "$prefix/src/$lib" --strip-components=1 || die "cannot unpack $tarball"
    touch "$stamp"
  fi
done

# --- 2b. blst (BLS12-381, for drand's signatures), native and Wasm ------------
# No Debian package offers BLS12-381. supranational's blst C sources come in the
# npm tarball of @chainsafe/blst (its blst/ folder; the npm registry is
# reachable), fetched with `npm pack` (no install script runs) and checked
# against the SHA-512 pinned here. Built once per version into the cache,
# outside the clone; CMake reads the prefixes from build/blst-{native,wasm}.path.
blst_pkg=chainsafe-blst-0.2.11
# SHA-512 of the tarball: the registry's dist.integrity
# (sha512-URyOLq5GtxBoxibOnd2pgLydCy0UZzbiIIBcsRAvGxAsRzjZL04TsQfwRkz5aphU3a1ebeRoMmI/HHyMCiFSQg==) in hex.
blst_sha512=511c8e2eae46b71068c626ce9ddda980bc9d0b2d146736e220805cb1102f1b102c4738d92f4e13b107f0464cf96a9854ddad5e6de46832623f1c7c8c0a215242
blst_root="$cache/blst/$blst_pkg"
blst_native="$blst_root/native-$(uname -m)"
blst_wasm="$blst_root/wasm-emscripten-${emver}-Oz"
echo "$blst_native" > "$repo/build/blst-native.path"
echo "$blst_wasm" > "$repo/build/blst-wasm.path"
if [ ! -f "$blst_native/lib/libblst.a" ] || [ ! -f "$blst_wasm/lib/libblst.a" ]; then
  tgz="$src/$blst_pkg.tgz"
  if [ ! -f "$tgz" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch @chainsafe/blst (blst's sources)"
    say "fetching @chainsafe/blst@0.2.11 from the npm registry (blst's C sources)"
    (cd "$src" && npm pack --silent "@chainsafe/blst@0.2.11" >/dev/null) || die "npm pack @chainsafe/blst@0.2.11 failed"
  fi
  got=$(sha512sum "$tgz" | cut -d' ' -f1)
  [ "$got" = "$blst_sha512" ] || { rm -f "$tgz"; die "$tgz has SHA-512 $got, expected $blst_sha512 (removed it; run again)"; }
  mkdir -p "$cache/work" && work_blst=$(mktemp -d "$cache/work/blst.XXXXXX")
  tar -xzf "$tgz" -C "$work_blst" package/blst || die "cannot unpack $tgz"
  for kind in native wasm; do
    dest="$blst_native"; [ "$kind" = wasm ] && dest="$blst_wasm"
    [ -f "$dest/lib/libblst.a" ] && continue
    say "building blst ($kind) into $dest"
    "$here/blst/build.sh" "$work_blst/package/blst" "$dest" "$kind" || die "blst $kind build failed"
  done
  rm -rf "$work_blst"
fi

# --- 2c. The API reference page's renderer (web/api, served at /api) ----------
# swagger-ui-dist from npm, as its lock file pins it; --ignore-scripts: no
# install-time analytics (its @scarf/scarf dependency) and no other script runs.
if [ ! "$repo/web/api/node_modules/.package-lock.json" -nt "$repo/web/api/package-lock.json" ]; then
  say "installing the API reference page's renderer (web/api, npm ci)"
  (cd "$repo/web/api" && npm ci --ignore-scripts --no-audit --no-fund --silent) || die "npm ci in web/api failed"
fi

if [ -f "$prefix/.complete" ] && [ -f "$prefix/lib/libcrypto_lite.a" ]; then exit 0; fi

# --- 3. OpenSSL libcrypto for Wasm --------------------------------------------
work="$cache/work"
mkdir -p "$work"
if [ ! -f "$prefix/lib/libcrypto.a" ]; then
  tarball="$ssl_tar"
  rm -rf "$work/openssl" && mkdir -p "$work/openssl"
  say "unpacking $(basename "$tarball")"
  tar -xzf "$tarball" -C "$work/openssl" --strip-components=1
  say "building OpenSSL libcrypto for Wasm (about 2 minutes on 2 cores)"
  start=$SECONDS
  (
    cd "$work/openssl"
    ./Configure linux-generic32 no-asm no-threads no-shared no-dso no-engine no-sock no-ui-console \
      no-tests no-afalgeng no-legacy CC=emcc CXX=em++ AR=emar RANLIB=emranlib >configure.log 2>&1 \
      || { tail -20 configure.log; exit 1; }
    make -j"$(nproc)" build_generated >build.log 2>&1 || { tail -30 build.log; exit 1; }
    # One dot per 40 compiled files, so a long build shows it is alive.
    make -j"$(nproc)" libcrypto.a 2>&1 | tee -a build.log | awk '/emcc/ { n++; if (n % 40 == 0) { printf "." > "/dev/stderr"; fflush("/dev/stderr") } }'
    [ -f libcrypto.a ] || { echo; tail -30 build.log; exit 1; }
  ) || die "OpenSSL Wasm build failed (log: $work/openssl/build.log)"
  printf '\n' >&2
  cp "$work/openssl/libcrypto.a" "$prefix/lib/"
  rm -rf "$prefix/include/openssl"
  cp -r "$work/openssl/include/openssl" "$prefix/include/"
  say "OpenSSL for Wasm built in $((SECONDS - start)) s"
fi

# --- 3b. crypto_lite: OpenSSL's Ed25519/SHA code without EVP, for the verifier -
if [ ! -f "$prefix/lib/libcrypto_lite.a" ]; then
  if [ ! -f "$work/openssl/include/openssl/opensslv.h" ] || [ ! -f "$work/openssl/crypto/ec/curve25519.c" ]; then
    # The configured tree is gone (or this prefix predates crypto_lite): configure again, no full build.
    rm -rf "$work/openssl" && mkdir -p "$work/openssl"
    tar -xzf "$ssl_tar" -C "$work/openssl" --strip-components=1
    (
      cd "$work/openssl"
      ./Configure linux-generic32 no-asm no-threads no-shared no-dso no-engine no-sock no-ui-console \
        no-tests no-afalgeng no-legacy CC=emcc CXX=em++ AR=emar RANLIB=emranlib >configure.log 2>&1 \
        && make build_generated >build.log 2>&1
    ) || die "configuring OpenSSL for crypto_lite failed (logs in $work/openssl)"
  fi
  say "building crypto_lite (OpenSSL's curve25519 and SHA code without EVP) for the Wasm verifier"
  "$repo/scripts/crypto_lite/build.sh" "$work/openssl" "$prefix/lib/libcrypto_lite.a" \
    || die "crypto_lite build failed"
fi

# --- 4. utf8proc for Wasm -----------------------------------------------------
if [ ! -f "$prefix/lib/libutf8proc.a" ]; then
  tarball="$u8_tar"
  rm -rf "$work/utf8proc" && mkdir -p "$work/utf8proc"
  tar -xf "$tarball" -C "$work/utf8proc" --strip-components=1
  say "building utf8proc for Wasm"
  (cd "$work/utf8proc" && emcc -O2 -DUTF8PROC_STATIC -c utf8proc.c -o utf8proc.o && emar rcs libutf8proc.a utf8proc.o) \
    || die "utf8proc Wasm build failed"
  cp "$work/utf8proc/libutf8proc.a" "$prefix/lib/"
  cp "$work/utf8proc/utf8proc.h" "$prefix/include/"
fi

# --- 5. Header-only libraries -------------------------------------------------
if [ ! -e "$prefix/include/nlohmann" ]; then cp -r /usr/include/nlohmann "$prefix/include/"; fi

touch "$prefix/.complete"
say "Wasm third-party libraries ready in $prefix"
