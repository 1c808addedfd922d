#!/usr/bin/env bash
# The original qnib/metahub bench example, against a local upstream: one tag, qnib/bench:latest,
# with a Broadwell and a Skylake build; qnib-type1 (cpu:broadwell) and qnib-type2 (cpu:skylake) pull
# the same tag through the gateway and each gets its own build.
# Needs: docker-registry, skopeo, curl, and the gateway running on the embedded defaults with
#   java -jar gateway/target/metahub-gateway.jar --metahub.upstream.url=http://127.0.0.1:5000
set -euo pipefail

registry=${REGISTRY:-127.0.0.1:5000}
gateway=${GATEWAY:-127.0.0.1:8080}
work=$(mktemp -d)

# A registry on loopback with temporary storage, unless one is already listening.
if ! curl -sf "http://$registry/v2/" >/dev/null; then
	cat > "$work/config.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: $registry
EOF
	docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
	trap 'kill %1 2>/dev/null || true' EXIT
	until curl -sf "http://$registry/v2/" >/dev/null; do sleep 0.2; done
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
	tar -C "$work/$cpu/rootfs" -cf "$work/$cpu/layer.tar" built-for
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
