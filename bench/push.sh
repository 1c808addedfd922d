#!/usr/bin/env bash
# Pushes the benchmark images into a distribution registry with plain curl (monolithic uploads).
#   push.sh <registry-url> <workdir> <blob-mib> <pull-repos>
# bench/app:latest  a Docker manifest list with four variants (generic, cpu:broadwell, cpu:skylake, arm64)
#                   whose broadwell child carries the big blob; bench/app also holds a small blob for rate tests.
# bench/pullK:latest (K = 1..pull-repos) the same shape with an 8 MiB layer per variant, one fresh repository
#                   per repetition of the 200-node pull so that each run starts uncached: its layers and configs
#                   are its own (the gateway's blob cache is keyed by digest, not by repository).
set -euo pipefail
REG=$1 W=$2 BLOB_MIB=$3 PULL_REPOS=$4
ML=application/vnd.docker.distribution.manifest.list.v2+json
MT=application/vnd.docker.distribution.manifest.v2+json
CT=application/vnd.docker.container.image.v1+json
LT=application/vnd.docker.image.rootfs.diff.tar.gzip
mkdir -p "$W/blobs"

digest() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# upload <repo> <file>: POST then PUT <location>&digest=, skipped when the repository already has it
upload() {
  local repo=$1 file=$2 d loc
  d=$(digest "$file")
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -I "$REG/v2/$repo/blobs/$d")" = 200 ]; then echo "$d"; return; fi
  loc=$(curl -sf -X POST -D - -o /dev/null "$REG/v2/$repo/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  case $loc in http*) ;; *) loc="$REG$loc" ;; esac
  case $loc in *\?*) loc="$loc&digest=$d" ;; *) loc="$loc?digest=$d" ;; esac
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -T "$file" "$loc"
  echo "$d"
}

# put_manifest <repo> <ref> <type> <file> -> digest
put_manifest() {
  curl -sf -o /dev/null -X PUT -H "Content-Type: $3" --data-binary @"$4" "$REG/v2/$1/manifests/$2"
  digest "$4"
}

size() { stat -c %s "$1"; }

# image <repo> <variant-name> <layer-file> -> writes $W/blobs/<repo>-<variant>.json, prints "digest size"
child() {
  local repo=$1 v=$2 layer=$3 cfg m
  cfg=$W/blobs/cfg-$(echo "$repo" | tr / _)-$v.json
  printf '{"architecture":"amd64","os":"linux","config":{"Labels":{"variant":"%s","repository":"%s"}},"rootfs":{"type":"layers","diff_ids":[]}}' "$v" "$repo" > "$cfg"
  local cd ld
  cd=$(upload "$repo" "$cfg"); ld=$(upload "$repo" "$layer")
  m=$W/blobs/$(echo "$repo" | tr / _)-$v.json
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","size":%d,"digest":"%s"},"layers":[{"mediaType":"%s","size":%d,"digest":"%s"}]}' \
    "$MT" "$CT" "$(size "$cfg")" "$cd" "$LT" "$(size "$layer")" "$ld" > "$m"
  echo "$(put_manifest "$repo" "$v" "$MT" "$m") $(size "$m")"
}

entry() { # entry <digest> <size> <arch> <features-json>
  printf '{"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"%s","os":"linux","features":%s}}' "$MT" "$1" "$2" "$3" "$4"
}

# list <repo> <layer-prefix>: four variants, the broadwell one gets <layer-prefix>-broadwell
list() {
  local repo=$1 p=$2 g b s a l
  read -r gd gs <<<"$(child "$repo" generic "$p-generic")"
  read -r bd bs <<<"$(child "$repo" broadwell "$p-broadwell")"
  read -r sd ss <<<"$(child "$repo" skylake "$p-skylake")"
  read -r ad as <<<"$(child "$repo" arm64 "$p-arm64")"
  l=$W/blobs/$(echo "$repo" | tr / _)-list.json
  printf '{"schemaVersion":2,"mediaType":"%s","manifests":[%s,%s,%s,%s]}' "$ML" \
    "$(entry "$gd" "$gs" amd64 '[]')" "$(entry "$bd" "$bs" amd64 '["cpu:broadwell"]')" \
    "$(entry "$sd" "$ss" amd64 '["cpu:skylake"]')" "$(entry "$ad" "$as" arm64 '[]')" > "$l"
  put_manifest "$repo" latest "$ML" "$l" >/dev/null
}

# layers: the big blob (random, so nothing on the way can shrink it) and small ones
[ -s "$W/blobs/big-broadwell" ] && [ "$(size "$W/blobs/big-broadwell")" = $((BLOB_MIB * 1048576)) ] \
  || head -c $((BLOB_MIB * 1048576)) /dev/urandom > "$W/blobs/big-broadwell"
for v in generic skylake arm64; do head -c 65536 /dev/urandom > "$W/blobs/big-$v"; done
for k in $(seq 1 "$PULL_REPOS"); do
  for v in generic broadwell skylake arm64; do
    [ -s "$W/blobs/pull$k-$v" ] || head -c $((8 * 1048576)) /dev/urandom > "$W/blobs/pull$k-$v"
  done
done
list bench/app "$W/blobs/big"
digest "$W/blobs/big-broadwell" > "$W/big.digest"
digest "$W/blobs/cfg-bench_app-generic.json" > "$W/small.digest"
for k in $(seq 1 "$PULL_REPOS"); do list "bench/pull$k" "$W/blobs/pull$k"; done
echo "pushed bench/app (big blob $(cat "$W/big.digest")) and $PULL_REPOS pull repositories"
