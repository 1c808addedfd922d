#!/usr/bin/env python3
"""Simulated nodes pulling one image at once, as a container runtime does.

    nodes.py <base-url> <repo> <count> <login:password,...|-> [--pick]

Each node (a thread) logs in with Basic (machine types assigned round-robin), fetches the manifest by
tag with the list Accept header, then the child manifest by digest, then the config and layer blobs.
Through the gateway the list it gets is already rewritten, so it takes the first entry. With --pick
(a registry without rewriting) the node picks the entry for its type itself: the one whose
platform.features it has most of, the generic entry otherwise. Prints one JSON line of totals, with
image_blob_bytes: the bytes of the distinct blobs the nodes fetched (what one fetch of each costs an upstream).
"""
import base64, http.client, json, sys, threading, time, urllib.parse

ACCEPT_LIST = ("application/vnd.docker.distribution.manifest.list.v2+json, "
               "application/vnd.oci.image.index.v1+json, "
               "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json")
FEATURES = {"qnib-type1": {"cpu:broadwell"}, "qnib-type2": {"cpu:skylake"}}

base, repo, count, logins = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pick = "--pick" in sys.argv
url = urllib.parse.urlsplit(base)
creds = [] if logins == "-" else logins.split(",")
results, lock = [], threading.Lock()
blob_sizes = {}  # digest -> bytes, over all nodes
start_gate = threading.Barrier(count)


def get(conn, path, headers):
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    n, body = 0, bytearray()
    keep = r.getheader("Content-Type", "").endswith("json")
    while True:
        chunk = r.read(1 << 16)
        if not chunk:
            break
        n += len(chunk)
        if keep:
            body += chunk
    if r.status != 200:
        raise RuntimeError(f"GET {path}: {r.status} {bytes(body[:200])!r}")
    return bytes(body), n


def node(i):
    headers = {}
    login = None
    if creds:
        c = creds[i % len(creds)]
        login = c.split(":")[0]
        headers["Authorization"] = "Basic " + base64.b64encode(c.encode()).decode()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    fetched, ok, err = 0, False, ""
    try:
        start_gate.wait()
        t0 = time.monotonic()
        body, n = get(conn, f"/v2/{repo}/manifests/latest", {**headers, "Accept": ACCEPT_LIST})
        fetched += n
        doc = json.loads(body)
        entries = doc["manifests"]
        if pick:
            have = FEATURES.get(login, set())
            fit = [e for e in entries if e["platform"]["architecture"] == "amd64"
                   and set(e["platform"].get("features", [])) <= have]
            entry = max(fit, key=lambda e: len(e["platform"].get("features", [])))
        else:
            entry = entries[0]
        body, n = get(conn, f"/v2/{repo}/manifests/{entry['digest']}", {**headers, "Accept": ACCEPT_LIST})
        fetched += n
        child = json.loads(body)
        for d in [child["config"]] + child["layers"]:
            _, n = get(conn, f"/v2/{repo}/blobs/{d['digest']}", headers)
            fetched += n
            with lock:
                blob_sizes[d["digest"]] = n
        ok = True
    except Exception as ex:  # a failed node is counted, not fatal
        err = str(ex)[:200]
        t0 = t0 if "t0" in locals() else time.monotonic()
    finally:
        conn.close()
    with lock:
        results.append((ok, time.monotonic() - t0, fetched, err))


threads = [threading.Thread(target=node, args=(i,)) for i in range(count)]
wall0 = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join(300)
wall = time.monotonic() - wall0
times = sorted(r[1] for r in results if r[0])
errors = [r[3] for r in results if not r[0]]
print(json.dumps({
    "nodes": count, "ok": len(times), "failed": len(errors), "wall_s": round(wall, 3),
    "node_p50_s": round(times[len(times) // 2], 3) if times else None,
    "node_max_s": round(times[-1], 3) if times else None,
    "bytes": sum(r[2] for r in results), "image_blob_bytes": sum(blob_sizes.values()), "first_error": errors[0] if errors else None}))
