package org.metahub.bench;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Manifest lists shaped like the ones the gateway rewrites: per platform a generic entry and CPU-specific ones. */
final class Lists {

	static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

	static final Set<String> BROADWELL = Set.of("cpu:broadwell");

	private static final String[] CPUS = { "cpu:broadwell", "cpu:skylake", "cpu:icelake", "cpu:zen3", "cpu:zen4",
			"cpu:haswell", "cpu:sapphirerapids" };

	private Lists() {
	}

	/** A list of {@code entries} entries: amd64 variants (one generic, then one per CPU), then arm64. */
	static byte[] list(int entries) {
		StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(DOCKER_LIST)
			.append("\",\"manifests\":[");
		for (int i = 0; i < entries; i++) {
			boolean arm = i == entries - 1 && entries > 2;
			String features = (i == 0 || arm) ? "" : "\"" + CPUS[(i - 1) % CPUS.length] + "\"";
			if (i > 0) {
				json.append(',');
			}
			json.append("{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"sha256:")
				.append(String.format("%064x", i + 1))
				.append("\",\"size\":")
				.append(500 + i)
				.append(",\"platform\":{\"architecture\":\"")
				.append(arm ? "arm64" : "amd64")
				.append("\",\"os\":\"linux\"")
				.append(i > 7 && !arm ? ",\"variant\":\"v" + (i % 3 + 2) + "\"" : "")
				.append(",\"features\":[")
				.append(features)
				.append("]}}");
		}
		return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

}
