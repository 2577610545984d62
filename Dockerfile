# The same server as `make run`, on Debian 12, with its data on a volume, and
# everything it serves: public/, web/ (the app's page shell, the verify page,
# billing, the widget) and the Wasm builds (the organizer app at /app, the
# verifier the verify page and the widget run).
#   docker build -t tirage . && docker run -p 8080:8080 -v tirage-data:/data tirage

# --- the Wasm parts, built by the scripts `make build` uses --------------------
FROM debian:bookworm AS wasm
# bootstrap.sh needs deb-src entries and root to fetch the Debian sources of
# OpenSSL, utf8proc, Dear ImGui, zlib and pugixml; the packages come from this
# list (scripts/packages.txt minus what only the tests use).
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config xz-utils dpkg-dev ca-certificates emscripten nodejs npm \
      nlohmann-json3-dev fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# TIRAGE_SKIP_PACKAGES: the packages above are all the Wasm build needs (no
# Chromium, clang or test servers). The third-party Wasm libraries go to the
# default cache (~/.cache/tirage) inside this stage.
RUN rm -rf build && TIRAGE_SKIP_PACKAGES=1 scripts/bootstrap.sh \
    && TIRAGE_BUILD_TESTS=OFF scripts/build.sh wasm tirage_verify tirage_app \
    && cp -r "$(cat build/blst-native.path)" /blst-native

# --- the native server and tool ------------------------------------------------
FROM debian:bookworm AS native
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config libssl-dev libutf8proc-dev nlohmann-json3-dev libcpp-httplib-dev \
      zlib1g-dev libpugixml-dev libsqlite3-dev libhpdf-dev libqrencode-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# blst (drand's BLS signatures): the native build the wasm stage's bootstrap made.
COPY --from=wasm /blst-native /opt/blst
RUN rm -rf build && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTIRAGE_BUILD_TESTS=OFF -DTIRAGE_BLST=/opt/blst \
    && cmake --build build -j"$(nproc)" --target tirage-server tirage

# --- the runtime image ---------------------------------------------------------
FROM debian:bookworm-slim
# fonts-dejavu-core: the fonts the PDF certificates embed.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libssl3 libutf8proc2 libcpp-httplib0.11 libsqlite3-0 libhpdf-2.3.0 libqrencode4 fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data tirage && mkdir -p /data && chown tirage /data
COPY --from=native /src/build/tirage-server /src/build/tirage /usr/local/bin/
# TIRAGE_STATIC is laid out as the repository: public/, web/, config/, and
# the Wasm builds where the server looks for them (build/wasm/tirage_verify.*,
# build/wasm/app/ for /app).
COPY public /srv/tirage/public
COPY config /srv/tirage/config
COPY --from=wasm /src/web /srv/tirage/web
COPY --from=wasm /src/build/wasm/tirage_verify.mjs /src/build/wasm/tirage_verify.wasm /srv/tirage/build/wasm/
COPY --from=wasm /src/build/wasm/app/tirage_app.js /src/build/wasm/app/tirage_app.wasm /src/build/wasm/app/DejaVuSans.ttf \
     /srv/tirage/build/wasm/app/
USER tirage
VOLUME /data
ENV TIRAGE_DATA=/data TIRAGE_STATIC=/srv/tirage TIRAGE_APP_DIR=/srv/tirage/build/wasm/app
# PORT (set by the platform) makes the server listen on 0.0.0.0:$PORT.
ENV PORT=8080
EXPOSE 8080
CMD ["tirage-server"]
