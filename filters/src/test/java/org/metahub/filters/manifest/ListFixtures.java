package org.metahub.filters.manifest;

import java.nio.charset.StandardCharsets;

import org.metahub.filters.oci.MediaTypes;

/** Small hand-written lists, with fields the rewriter must leave alone. */
final class ListFixtures {

	static final String BROADWELL = "sha256:" + "b".repeat(64);

	static final String SKYLAKE = "sha256:" + "5".repeat(64);

	static final String GENERIC = "sha256:" + "0".repeat(64);

	static final String ARM = "sha256:" + "a".repeat(64);

	private ListFixtures() {
	}

	/** An OCI index: broadwell and skylake by platform.features, a generic fallback, an arm64 entry. */
	static byte[] ociIndex() {
		return ("""
				{
				  "schemaVersion": 2,
				  "mediaType": "%s",
				  "artifactType": "application/vnd.example+type",
				  "manifests": [
				    {"mediaType": "%s", "digest": "%s", "size": 1234,
				     "platform": {"architecture": "amd64", "os": "linux", "features": ["cpu:broadwell"]},
				     "annotations": {"org.opencontainers.image.title": "broadwell"}},
				    {"mediaType": "%s", "digest": "%s", "size": 1235,
				     "platform": {"architecture": "amd64", "os": "linux", "os.version": "6.1", "features": ["cpu:skylake"]},
				     "urls": ["https://example.org/skylake"], "x-vendor": {"ratio": 1.50, "big": 12345678901234567890}},
				    {"mediaType": "%s", "digest": "%s", "size": 1000,
				     "platform": {"architecture": "amd64", "os": "linux"}},
				    {"mediaType": "%s", "digest": "%s", "size": 999,
				     "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}
				  ],
				  "subject": {"mediaType": "%s", "digest": "%s", "size": 7},
				  "annotations": {"org.opencontainers.image.created": "2024-01-01T00:00:00Z", "weight": 0.1e1}
				}
				""").formatted(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, BROADWELL, MediaTypes.OCI_MANIFEST, SKYLAKE,
				MediaTypes.OCI_MANIFEST, GENERIC, MediaTypes.OCI_MANIFEST, ARM, MediaTypes.OCI_MANIFEST, GENERIC)
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A Docker list whose features are given only in the descriptor annotation. */
	static byte[] dockerList() {
		return ("""
				{"schemaVersion":2,"mediaType":"%s","manifests":[
				{"mediaType":"%s","digest":"%s","size":11,"platform":{"architecture":"amd64","os":"linux"},
				 "annotations":{"org.metahub.platform.features":"cpu:broadwell"}},
				{"mediaType":"%s","digest":"%s","size":12,"platform":{"architecture":"amd64","os":"linux"},
				 "annotations":{"org.metahub.platform.features":"cpu:skylake, nvcap:8.0"}},
				{"mediaType":"%s","digest":"%s","size":13,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}
				""").formatted(MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST, BROADWELL, MediaTypes.DOCKER_MANIFEST,
				SKYLAKE, MediaTypes.DOCKER_MANIFEST, ARM)
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A single-image OCI manifest. */
	static byte[] singleManifest() {
		return ("""
				{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json",
				"digest":"%s","size":2},"layers":[]}
				""").formatted(MediaTypes.OCI_MANIFEST, GENERIC).getBytes(StandardCharsets.UTF_8);
	}

}
