#!/usr/bin/env bash
# The original qnib/metahub bench example, against a local upstream: one tag, qnib/bench:latest,
# with a Broadwell and a Skylake build; qnib-type1 (cpu:broadwell) and qnib-type2 (cpu:skylake) pull
# the same tag through the gateway and each gets its own build.
# Needs: docker-registry, skopeo, curl, and the packaged gateway (./mvnw -B -DskipTests package).
# Starts a registry on $REGISTRY and the gateway on $GATEWAY (embedded defaults, the registry as its upstream)
# unless they already answer there, waiting for each with a deadline; stops what it started when done, unless
# --keep is given. The images are the same bytes on every run, so a gateway that cached the tag in an earlier
# run finds its blobs again in a fresh registry.
set -euo pipefail

keep=false
case "${1:-}" in
	--keep) keep=true ;;
	"") ;;
	*) echo "usage: $0 [--keep]   (--keep leaves the registry and the gateway running)" >&2; exit 2 ;;
esac

registry=${REGISTRY:-127.0.0.1:5000}
gateway=${GATEWAY:-127.0.0.1:8080}
jar=${JAR:-$(dirname "$0")/../gateway/target/metahub-gateway.jar}
deadline=${DEADLINE:-120} # seconds each server gets to answer
work=$(mktemp -d "${TMPDIR:-/tmp}/qnib-bench.XXXXXX")
names=()
pids=()

finish() {
	if [ "$keep" = true ] && [ ${#pids[@]} -gt 0 ]; then
		echo "left running: ${names[*]} (pids ${pids[*]}); stop with: kill ${pids[*]}; rm -rf $work"
		return
	fi
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
	rm -rf "$work"
}
trap finish EXIT

answers() { # url: whether it answers 200 or 401 (the gateway's /v2/ without a login)
	case "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" in 200 | 401) return 0 ;; *) return 1 ;; esac
}

await() { # name url pid log: polls until the url answers, fails after $deadline s or when the process stops
	for _ in $(seq 1 $((deadline * 5))); do
		answers "$2" && return 0
		if ! kill -0 "$3" 2>/dev/null; then
			echo "$1 stopped before it answered; the end of its log:" >&2
			tail -n 20 "$4" >&2
			exit 1
		fi
		sleep 0.2
	done
	echo "$1 did not answer $2 within $deadline s; the end of its log:" >&2
	tail -n 20 "$4" >&2
	exit 1
}

# A registry on loopback with temporary storage, unless one is already listening.
if ! answers "http://$registry/v2/"; then
	printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' \
		"$work/storage" "$registry" > "$work/config.yml"
	docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
	names+=(registry) pids+=($!)
	await registry "http://$registry/v2/" $! "$work/registry.log"
fi

# The gateway with this registry as its upstream, unless one already answers.
if ! answers "http://$gateway/v2/"; then
	if [ ! -f "$jar" ]; then
		echo "$jar is missing: build it with ./mvnw -B -DskipTests package" >&2
		exit 1
	fi
	java -jar "$jar" --server.address="${gateway%:*}" --server.port="${gateway##*:}" \
		--metahub.upstream.url="http://$registry" --metahub.blob-cache.path="$work/blob-cache" \
		> "$work/gateway.log" 2>&1 &
	names+=(gateway) pids+=($!)
	await gateway "http://$gateway/v2/" $! "$work/gateway.log"
fi

digest() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

push_blob() { # file
	local location
	location=$(curl -sf -D - -o /dev/null -X POST "http://$registry/v2/qnib/bench/blobs/uploads/" \
		| tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
	case "$location" in http*) ;; *) location="http://$registry$location" ;; esac
	curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" \
		"$location&digest=$(digest "$1")" >/dev/null
}

push_manifest() { # file media-type reference
	curl -sf -X PUT -H "Content-Type: $2" --data-binary "@$1" \
		"http://$registry/v2/qnib/bench/manifests/$3" >/dev/null
}

# One image per CPU: a layer holding /built-for, its config, its manifest.
entries=""
for cpu in broadwell skylake; do
	mkdir -p "$work/$cpu/rootfs"
	echo "built for $cpu" > "$work/$cpu/rootfs/built-for"
	tar -C "$work/$cpu/rootfs" --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rw,go=r -cf "$work/$cpu/layer.tar" built-for
	gzip -n -c "$work/$cpu/layer.tar" > "$work/$cpu/layer.tar.gz"
	printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["cat","/built-for"]},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
		"$(digest "$work/$cpu/layer.tar")" > "$work/$cpu/config.json"
	push_blob "$work/$cpu/layer.tar.gz"
	push_blob "$work/$cpu/config.json"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
		"$(digest "$work/$cpu/config.json")" "$(stat -c %s "$work/$cpu/config.json")" \
		"$(digest "$work/$cpu/layer.tar.gz")" "$(stat -c %s "$work/$cpu/layer.tar.gz")" > "$work/$cpu/manifest.json"
	push_manifest "$work/$cpu/manifest.json" application/vnd.oci.image.manifest.v1+json "$(digest "$work/$cpu/manifest.json")"
	entries="$entries${entries:+,}$(printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux","features":["cpu:%s"]}}' \
		"$(digest "$work/$cpu/manifest.json")" "$(stat -c %s "$work/$cpu/manifest.json")" "$cpu")"
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$entries" > "$work/index.json"
push_manifest "$work/index.json" application/vnd.oci.image.index.v1+json latest
echo "pushed qnib/bench:latest with a Broadwell and a Skylake build to $registry"

# Pull the same tag as each machine type and show which build arrived.
for login in qnib-type1 qnib-type2; do
	skopeo --insecure-policy copy -q --src-tls-verify=false --src-creds "$login:$login" \
		"docker://$gateway/qnib/bench:latest" "dir:$work/pulled-$login"
	layer=$(sed -n 's/.*"layers":\[{[^}]*"digest":"sha256:\([0-9a-f]*\)".*/\1/p' "$work/pulled-$login/manifest.json")
	echo "$login: $(tar -xzOf "$work/pulled-$login/$layer" built-for)"
done
