# The same binary as `make run`, on Debian 12, with its data on a volume.
#   docker build -t tirage . && docker run -p 8080:8080 -v tirage-data:/data tirage
FROM debian:bookworm AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config libssl-dev libutf8proc-dev nlohmann-json3-dev libcpp-httplib-dev \
      libsqlite3-dev googletest libgtest-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTIRAGE_BUILD_TESTS=OFF && cmake --build build -j"$(nproc)" \
      --target tirage-server tirage

FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libssl3 libutf8proc2 libcpp-httplib0.11 libsqlite3-0 ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data tirage && mkdir -p /data && chown tirage /data
COPY --from=build /src/build/tirage-server /src/build/tirage /usr/local/bin/
COPY public /srv/tirage/public
USER tirage
VOLUME /data
ENV TIRAGE_DATA=/data TIRAGE_STATIC=/srv/tirage
# PORT (set by the platform) makes the server listen on 0.0.0.0:$PORT.
ENV PORT=8080
EXPOSE 8080
CMD ["tirage-server"]
