#!/usr/bin/env bash
# MetaHub Gateway benchmark suite: one command, loopback only, every loop bounded.
#
#   bench/run.sh                      full run (REPS=3), about 15-20 minutes on 2 cores
#   REPS=1 DURATION=5 bench/run.sh    quick run
#
# Installs what is missing (wrk, nginx, docker-registry, redis-server via apt-get), builds the jar if
# missing, starts on 127.0.0.1 a distribution registry with generated images, Redis, the gateway (Redis
# sessions) and nginx as a plain streaming reverse proxy, then measures direct / nginx / gateway side by
# side, alternating the systems in every repetition so that machine drift cancels. Prints a table and
# writes it to bench/results/<date>-<short commit>.md. See bench/README.md for what each figure means.
#
# Environment (defaults):
#   REPS=3            repetitions of every measurement (each alternates direct, nginx, gateway)
#   DURATION=10       seconds of each wrk run
#   BLOB_MIB=1024     size of the big blob
#   CLIENTS=16        concurrent clients of the parallel blob download
#   CONNS=64          wrk connections for the request-rate runs
#   NODES=200         simulated nodes of the concurrent pull
#   STARTS=3          gateway starts timed for each ready figure (java -jar, and unpacked with a CDS archive)
#   WARMUP=20         seconds of load on each gateway workload before measuring (the JIT compiles the hot
#                     paths in the first tens of seconds; a proxy runs for days)
#   NGINX_PROXY_BUFFER_SIZE=64k   nginx's read size when unbuffered; empty for nginx's own (one page, which
#                     halves nginx's blob throughput: bench/README.md)
#   PROFILE=0         1: run the gateway with a JFR recording, summarised into the results file
#   GATEWAY_JAVA_OPTS JVM options for the gateway (default: the image's JAVA_TOOL_OPTIONS from the Dockerfile)
#   BLOB_CACHE_MB     the gateway's blob cache max-size in MB (default: the big blob, the pull images and 512 MB
#                     to spare); the cache lives in BENCH_WORKDIR/blob-cache and is emptied at every run's start
#   BENCH_WORKDIR=/tmp/metahub-bench   data, logs and configuration (the 1 GiB blob is kept for reuse)
#   PORT_BASE=15000   registry PORT_BASE, nginx +80, gateway +81, redis +379
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
REPS=${REPS:-3} DURATION=${DURATION:-10} BLOB_MIB=${BLOB_MIB:-1024} CLIENTS=${CLIENTS:-16}
CONNS=${CONNS:-64} NODES=${NODES:-200} STARTS=${STARTS:-3} PROFILE=${PROFILE:-0} WARMUP=${WARMUP:-20}
W=${BENCH_WORKDIR:-/tmp/metahub-bench}
NGINX_PROXY_BUFFER_SIZE=${NGINX_PROXY_BUFFER_SIZE-64k}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS-$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$ROOT/Dockerfile")}
PORT_BASE=${PORT_BASE:-15000}
BLOB_CACHE_MB=${BLOB_CACHE_MB:-$((BLOB_MIB + REPS * 40 + 512))}
REG_PORT=$PORT_BASE NGINX_PORT=$((PORT_BASE + 80)) GW_PORT=$((PORT_BASE + 81)) REDIS_PORT=$((PORT_BASE + 379))
REG=http://127.0.0.1:$REG_PORT NGX=http://127.0.0.1:$NGINX_PORT GW=http://127.0.0.1:$GW_PORT
JAR=$ROOT/gateway/target/metahub-gateway.jar
AUTH="Authorization: Basic cW5pYi10eXBlMTpxbmliLXR5cGUx" # qnib-type1:qnib-type1
ACCEPT_LIST="Accept: application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json"
LOGINS=qnib-type1:qnib-type1,qnib-type2:qnib-type2,qnib-type3:qnib-type3
TSV=$W/results.tsv
PIDS=()

log() { printf '\n== %s\n' "$*" >&2; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$TSV"; } # metric system rep value

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${GW_PID:-}" ] && kill "$GW_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# --- prerequisites ---------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v redis-server >/dev/null || need+=(redis-server)
command -v python3 >/dev/null || need+=(python3)
command -v jcmd >/dev/null || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -s "$JAR" ]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi
rm -rf "$W/blob-cache" # every run starts cold
mkdir -p "$W"/{registry,nginx,redis,logs,blob-cache}
: > "$TSV"

wait_http() { # wait_http <url> <seconds>: until any 200/401 answer
  local end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    case $(curl -s -o /dev/null -w '%{http_code}' "$1" || true) in 200|401) return 0 ;; esac
    sleep 0.05
  done
  echo "no answer from $1 within $2 s" >&2; return 1
}

# --- services --------------------------------------------------------------------------------------
log "starting registry on $REG, redis on $REDIS_PORT, nginx on $NGX"
cat > "$W/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $W/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
  secret: metahub-bench
EOF
docker-registry serve "$W/registry/config.yml" > "$W/logs/registry-access.log" 2> "$W/logs/registry.log" &
PIDS+=($!)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$W/redis" \
  > "$W/logs/redis.log" 2>&1 &
PIDS+=($!)
cat > "$W/nginx/nginx.conf" <<EOF
# The baseline: a plain streaming reverse proxy in front of the same registry.
user root;
worker_processes auto;
pid $W/nginx/nginx.pid;
error_log $W/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $W/nginx/body;
  proxy_temp_path $W/nginx/proxy;
  upstream registry { server 127.0.0.1:$REG_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 0;
    location / {
      proxy_pass http://registry;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_buffering off;
      ${NGINX_PROXY_BUFFER_SIZE:+proxy_buffer_size $NGINX_PROXY_BUFFER_SIZE; proxy_buffers 4 $NGINX_PROXY_BUFFER_SIZE; proxy_busy_buffers_size $NGINX_PROXY_BUFFER_SIZE;}
      proxy_request_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
nginx -p "$W/nginx" -c "$W/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_http "$REG/v2/" 20
wait_http "$NGX/v2/" 20
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

log "pushing images (big blob $BLOB_MIB MiB, $REPS pull repositories)"
"$HERE/push.sh" "$REG" "$W" "$BLOB_MIB" "$REPS"
BIG=$(cat "$W/big.digest") SMALL=$(cat "$W/small.digest")

# --- gateway ---------------------------------------------------------------------------------------
GW_ARGS=(--server.port="$GW_PORT" --metahub.upstream.url="$REG" --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT"
  --metahub.machine-types[0].name=qnib-type1 --metahub.machine-types[0].login=qnib-type1
  "--metahub.machine-types[0].password={noop}qnib-type1" --metahub.machine-types[0].features[0]=cpu:broadwell
  --metahub.machine-types[1].name=qnib-type2 --metahub.machine-types[1].login=qnib-type2
  "--metahub.machine-types[1].password={noop}qnib-type2" --metahub.machine-types[1].features[0]=cpu:skylake
  --metahub.machine-types[2].name=qnib-type3 --metahub.machine-types[2].login=qnib-type3
  "--metahub.machine-types[2].password={noop}qnib-type3" --metahub.machine-types[2].features[0]=cpu:zen3
  --metahub.blob-cache.enabled=true --metahub.blob-cache.path="$W/blob-cache" --metahub.blob-cache.max-size="${BLOB_CACHE_MB}MB")
start_gateway() { # start_gateway <log> [jvm options...]
  local out=$1; shift
  # shellcheck disable=SC2086
  java ${GATEWAY_JAVA_OPTS:-} "$@" -jar "$JAR" "${GW_ARGS[@]}" > "$out" 2>&1 &
  GW_PID=$!
}
start_gateway_cds() { # start_gateway_cds <log>: as the image starts it, from the unpacked jar with its archive
  # shellcheck disable=SC2086
  (cd "$W/cds" && exec java ${GATEWAY_JAVA_OPTS:-} -XX:SharedArchiveFile=metahub-gateway.jsa -jar metahub-gateway.jar \
    "${GW_ARGS[@]}") > "$1" 2>&1 &
  GW_PID=$!
}
stop_gateway() { kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; GW_PID=; }

log "unpacking the jar with a class data sharing archive, as the Dockerfile does"
"$ROOT/gateway/src/main/sh/cds-archive.sh" "$JAR" "$W/cds" > "$W/logs/cds-archive.log" 2>&1

log "timing $STARTS gateway starts each way (launch to first 200/401 on /v2/)"
for i in $(seq 1 "$STARTS"); do
  for way in jar cds; do
    t0=$(date +%s%N)
    if [ "$way" = cds ]; then start_gateway_cds "$W/logs/gateway-start-cds$i.log"; else start_gateway "$W/logs/gateway-start$i.log"; fi
    wait_http "$GW/v2/" 240
    suffix=; [ "$way" = cds ] && suffix=_cds
    record "ready${suffix}_s" gateway "$i" "$(echo "$(date +%s%N) $t0" | awk '{printf "%.3f", ($1-$2)/1e9}')"
    # CPU seconds spent until ready: unlike wall time, hardly affected by other load on a shared machine
    record "ready${suffix}_cpu_s" gateway "$i" "$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$GW_PID/stat")"
    stop_gateway
  done
done

JFR_OPTS=()
[ "$PROFILE" = 1 ] && JFR_OPTS=(-XX:StartFlightRecording=filename="$W/gateway.jfr",settings=profile,dumponexit=true -XX:FlightRecorderOptions=stackdepth=256)
start_gateway "$W/logs/gateway.log" "${JFR_OPTS[@]}"
wait_http "$GW/v2/" 240
rss_kib() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }
heap_kib() { jstat -gc "$1" | awk 'NR==2{printf "%d", $3+$4+$6+$8}'; } # S0U+S1U+EU+OU
sleep 2
record idle_rss_mib gateway 0 $(( $(rss_kib "$GW_PID") / 1024 ))
record idle_heap_mib gateway 0 $(( $(heap_kib "$GW_PID") / 1024 ))

# --- measurements ----------------------------------------------------------------------------------
base_of() { case $1 in direct) echo "$REG" ;; nginx) echo "$NGX" ;; gateway) echo "$GW" ;; esac; }
auth_of() { [ "$1" = gateway ] && echo "$AUTH" || echo "X-Bench: 1"; }

blob_one() { # MB/s of one client
  curl -sf -o /dev/null -H "$(auth_of "$1")" -w '%{speed_download}' --max-time 300 "$(base_of "$1")/v2/bench/app/blobs/$BIG" |
    awk '{printf "%.1f", $1/1e6}'
}
blob_many() { # aggregate MB/s of $CLIENTS clients: bytes of all / wall time of all
  local t0 t1 ok=0 pids=() p
  t0=$(date +%s%N)
  for _ in $(seq 1 "$CLIENTS"); do
    curl -sf -o /dev/null -H "$(auth_of "$1")" --max-time 600 "$(base_of "$1")/v2/bench/app/blobs/$BIG" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
  t1=$(date +%s%N)
  [ "$ok" = "$CLIENTS" ] || echo "warning: $((CLIENTS - ok)) of $CLIENTS downloads failed on $1" >&2
  echo "$t1 $t0 $ok $BLOB_MIB" | awk '{printf "%.1f", $3*$4*1048576/1e6/(($1-$2)/1e9)}'
}
sample_memory() { # sample_memory <pid> <outfile>: max VmRSS every 0.2 s and heap (one jstat, 1 s interval) until killed
  local max_rss=0 r js
  jstat -gc "$1" 1000 900 > "$2.jstat" 2>/dev/null & js=$!
  trap 'kill $js 2>/dev/null; echo "$max_rss $(awk '"'"'NR>1 && $1+0==$1{h=$3+$4+$6+$8; if(h>m)m=h} END{printf "%d", m}'"'"' "$2.jstat")" > "$2"; exit 0' TERM
  while kill -0 "$1" 2>/dev/null; do
    r=$(rss_kib "$1"); [ "$r" -gt "$max_rss" ] && max_rss=$r
    sleep 0.2 & wait $!
  done
}
wrk_run() { # wrk_run <name> <system> <rep> <url> [headers...]: records rps, p50, p99
  local name=$1 sys=$2 rep=$3 url=$4 out; shift 4
  local hdr=(); for h in "$@"; do hdr+=(-H "$h"); done
  out=$W/logs/wrk-$name-$sys-$rep.txt
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency "${hdr[@]}" "$url" > "$out" 2>&1 || true
  record "${name}_rps" "$sys" "$rep" "$(awk '/^Requests\/sec/{print $2}' "$out")"
  for q in 50 99; do
    record "${name}_p${q}_ms" "$sys" "$rep" "$(awk -v q="$q%" '$1==q{v=$2; u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
      m=(u=="us")?0.001:(u=="s")?1000:1; printf "%.2f", v*m}' "$out")"
  done
  grep -q 'Non-2xx' "$out" && echo "warning: non-2xx answers in $out" >&2 || true
}
upstream_lines() { wc -l < "$W/logs/registry-access.log"; }
# bytes of the blob GETs in an access log (combined format: $6 "METHOD, $7 path, $10 bytes), in MiB
blob_get_mib() { awk '$6 == "\"GET" && $7 ~ /\/blobs\// {b+=$10} END{printf "%.1f", b/1048576}' "$1"; }

log "warming up: $WARMUP s of each gateway workload, 5 s of each on direct and nginx"
warm() { wrk -t2 -c"$CONNS" -d"$1s" --timeout 10s "${@:3}" "$2" >/dev/null 2>&1 || true; }
# the big blob's first fetch fills the cache: the blob figures measure the warm blob (a cache hit)
curl -s -o /dev/null -H "$AUTH" --max-time 300 "$GW/v2/bench/app/blobs/$BIG"
big_entry=$W/blob-cache/sha256/${BIG:7:2}/${BIG:7}
for _ in $(seq 1 300); do [ -s "$big_entry" ] && break; sleep 0.1; done
[ -s "$big_entry" ] || echo "warning: the big blob is not in the gateway's cache ($big_entry)" >&2
warm "$WARMUP" "$GW/v2/bench/app/manifests/latest" -H "$AUTH" -H "$ACCEPT_LIST"
warm "$WARMUP" "$GW/v2/bench/app/blobs/$SMALL" -H "$AUTH"
warm "$WARMUP" "$GW/token?service=metahub&scope=repository:bench/app:pull" -H "$AUTH"
warm "$WARMUP" "$GW/v2/" -H "$AUTH"
for base in "$REG" "$NGX"; do
  warm 5 "$base/v2/bench/app/manifests/latest" -H "$ACCEPT_LIST"
  warm 5 "$base/v2/bench/app/blobs/$SMALL"
done

SYSTEMS=(direct nginx gateway)
for rep in $(seq 1 "$REPS"); do
  # rotate the starting system so that no one always runs first
  order=("${SYSTEMS[@]:$((rep % 3))}" "${SYSTEMS[@]:0:$((rep % 3))}")
  log "repetition $rep of $REPS (order: ${order[*]})"
  for sys in "${order[@]}"; do record blob1_MBps "$sys" "$rep" "$(blob_one "$sys")"; done
  for sys in "${order[@]}"; do
    if [ "$sys" = gateway ]; then
      record pre_rss_mib gateway "$rep" $(( $(rss_kib "$GW_PID") / 1024 ))
      record pre_heap_mib gateway "$rep" $(( $(heap_kib "$GW_PID") / 1024 ))
      sample_memory "$GW_PID" "$W/mem.txt" & sampler=$!
    fi
    record "blob${CLIENTS}_MBps" "$sys" "$rep" "$(blob_many "$sys")"
    if [ "$sys" = gateway ]; then
      kill -TERM "$sampler"; wait "$sampler" 2>/dev/null || true
      read -r mr mh < "$W/mem.txt"
      record peak_rss_mib gateway "$rep" $((mr / 1024))
      record peak_heap_mib gateway "$rep" $((mh / 1024))
    fi
  done
  for sys in "${order[@]}"; do
    wrk_run manifest "$sys" "$rep" "$(base_of "$sys")/v2/bench/app/manifests/latest" "$(auth_of "$sys")" "$ACCEPT_LIST"
  done
  for sys in "${order[@]}"; do
    wrk_run smallblob "$sys" "$rep" "$(base_of "$sys")/v2/bench/app/blobs/$SMALL" "$(auth_of "$sys")"
  done
  wrk_run token gateway "$rep" "$GW/token?service=metahub&scope=repository:bench/app:pull" "$AUTH"
  wrk_run base gateway "$rep" "$GW/v2/" "$AUTH"
  for sys in direct gateway; do
    before=$(upstream_lines)
    if [ "$sys" = gateway ]; then
      res=$(python3 "$HERE/nodes.py" "$GW" "bench/pull$rep" "$NODES" "$LOGINS")
    else
      res=$(python3 "$HERE/nodes.py" "$REG" "bench/pull$rep" "$NODES" "$LOGINS" --pick)
    fi
    sleep 1
    echo "$res" > "$W/logs/pull-$sys-$rep.json"
    read -r wall failed <<<"$(echo "$res" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["wall_s"], d["failed"])')"
    record pull_wall_s "$sys" "$rep" "$wall"
    record pull_failed "$sys" "$rep" "$failed"
    tail -n +$((before + 1)) "$W/logs/registry-access.log" > "$W/logs/pull-upstream-$sys-$rep.log"
    record pull_upstream_requests "$sys" "$rep" "$(wc -l < "$W/logs/pull-upstream-$sys-$rep.log")"
    record pull_upstream_MiB "$sys" "$rep" "$(awk '{b+=$10} END{printf "%.1f", b/1048576}' "$W/logs/pull-upstream-$sys-$rep.log")"
    record pull_upstream_blob_MiB "$sys" "$rep" "$(blob_get_mib "$W/logs/pull-upstream-$sys-$rep.log")"
    record pull_image_blob_MiB "$sys" "$rep" "$(echo "$res" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["image_blob_bytes"]/1048576, 1))')"
  done
done

if [ "$PROFILE" = 1 ]; then
  jcmd "$GW_PID" JFR.dump filename="$W/gateway.jfr" >/dev/null
  "$HERE/jfr-top.sh" "$W/gateway.jfr" > "$W/profile.md" || true
fi
stop_gateway

# --- report ----------------------------------------------------------------------------------------
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
OUT=$HERE/results/$(date +%Y-%m-%d)-$COMMIT.md
mkdir -p "$HERE/results"
{
  echo "nproc: $(nproc)"
  echo "memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "cpu: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //')"
  echo "registry: $(docker-registry --version 2>&1 | awk '{print $NF}')"
  echo "redis: $(redis-server --version | awk '{print $3}')"
  echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "commit: $COMMIT"
  echo "parameters: NGINX_PROXY_BUFFER_SIZE=${NGINX_PROXY_BUFFER_SIZE:-default} REPS=$REPS DURATION=${DURATION}s WARMUP=${WARMUP}s BLOB_MIB=$BLOB_MIB CLIENTS=$CLIENTS CONNS=$CONNS NODES=$NODES STARTS=$STARTS GATEWAY_JAVA_OPTS='${GATEWAY_JAVA_OPTS:-}'"
} > "$W/machine.txt"
PROFILE_MD=; [ "$PROFILE" = 1 ] && [ -s "$W/profile.md" ] && PROFILE_MD=$W/profile.md
python3 "$HERE/report.py" "$TSV" "$W/machine.txt" "$CLIENTS" $PROFILE_MD > "$OUT"
cat "$OUT"
echo
echo "written to $OUT"
