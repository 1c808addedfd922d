package org.metahub.filters.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds small real images (a config, one layer holding a marker file, a manifest) and multi-variant
 * lists, and pushes them through a registry's HTTP API, as {@code docker push} would.
 */
public final class RegistryPusher {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI registry;

	private final Supplier<String> authorization;

	public RegistryPusher(URI registry, Supplier<String> authorization) {
		this.registry = registry;
		this.authorization = authorization;
	}

	/** A pusher for an anonymous registry or one with htpasswd Basic auth. */
	public static RegistryPusher to(RegistryServer server) {
		if (server.username() == null) {
			return new RegistryPusher(server.url(), () -> null);
		}
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((server.username() + ":" + server.password()).getBytes(StandardCharsets.UTF_8));
		return new RegistryPusher(server.url(), () -> basic);
	}

	/** A pushed manifest: what a list entry needs to point at it. */
	public record Pushed(String digest, String mediaType, long size, byte[] bytes) {
	}

	/** One entry of a list to push. */
	public record Entry(Pushed image, String os, String architecture, String variant, List<String> features,
			boolean featuresAsAnnotation) {

		public static Entry of(Pushed image, String architecture, String... features) {
			return new Entry(image, "linux", architecture, null, List.of(features), false);
		}

	}

	/** Pushes an image whose single layer holds {@code /marker} with the given text. */
	public Pushed pushImage(String repository, String tag, String marker, boolean oci) {
		return pushImage(repository, tag, List.of(TarGz.singleFile("marker", marker + "\n")),
				Map.of("Cmd", List.of("/bin/true"), "Labels", Map.of("marker", marker)), oci);
	}

	/** Pushes an amd64 image of gzip-compressed layers whose config's {@code config} is {@code containerConfig}. */
	public Pushed pushImage(String repository, String tag, List<byte[]> layers, Map<String, Object> containerConfig,
			boolean oci) {
		List<Map<String, Object>> layerDescriptors = new ArrayList<>();
		List<String> diffIds = new ArrayList<>();
		for (byte[] layer : layers) {
			layerDescriptors.add(descriptor(oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
					: "application/vnd.docker.image.rootfs.diff.tar.gzip", pushBlob(repository, layer), layer.length));
			diffIds.add(Digests.sha256(gunzip(layer)));
		}
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("architecture", "amd64");
		config.put("os", "linux");
		config.put("config", containerConfig);
		config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
		byte[] configBytes = JSON.writeValueAsBytes(config);
		String configDigest = pushBlob(repository, configBytes);
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("schemaVersion", 2);
		manifest.put("mediaType", oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
		manifest.put("config", descriptor(oci ? "application/vnd.oci.image.config.v1+json"
				: "application/vnd.docker.container.image.v1+json", configDigest, configBytes.length));
		manifest.put("layers", layerDescriptors);
		byte[] bytes = JSON.writeValueAsBytes(manifest);
		String mediaType = oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
		return pushManifest(repository, tag == null ? Digests.sha256(bytes) : tag, mediaType, bytes);
	}

	/** Pushes a Docker manifest list or an OCI index whose entries carry their features. */
	public Pushed pushList(String repository, String tag, boolean oci, List<Entry> entries) {
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Entry entry : entries) {
			Map<String, Object> descriptor = descriptor(entry.image().mediaType(), entry.image().digest(),
					entry.image().size());
			Map<String, Object> platform = new LinkedHashMap<>();
			platform.put("architecture", entry.architecture());
			platform.put("os", entry.os());
			if (entry.variant() != null) {
				platform.put("variant", entry.variant());
			}
			if (!entry.features().isEmpty()) {
				if (entry.featuresAsAnnotation()) {
					descriptor.put("annotations",
							Map.of("org.metahub.platform.features", String.join(",", entry.features())));
				}
				else {
					platform.put("features", entry.features());
				}
			}
			descriptor.put("platform", platform);
			manifests.add(descriptor);
		}
		String mediaType = oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_LIST;
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("schemaVersion", 2);
		list.put("mediaType", mediaType);
		list.put("manifests", manifests);
		return pushManifest(repository, tag, mediaType, JSON.writeValueAsBytes(list));
	}

	/** Pushes a blob in one request (POST then PUT with the digest) and returns its digest. */
	public String pushBlob(String repository, byte[] content) {
		String digest = Digests.sha256(content);
		HttpResponse<String> started = send(request(URI.create(registry + "/v2/" + repository + "/blobs/uploads/"))
			.POST(HttpRequest.BodyPublishers.noBody()), 202);
		String location = started.headers().firstValue("Location").orElseThrow();
		URI upload = registry.resolve(location);
		String separator = upload.getQuery() == null ? "?" : "&";
		send(request(URI.create(upload + separator + "digest=" + digest))
			.header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content)), 201);
		return digest;
	}

	/** Pushes a large blob streamed from a supplier of its content, never holding it in memory. */
	public void pushBlob(String repository, String digest, Supplier<InputStream> content) {
		HttpResponse<String> started = send(request(URI.create(registry + "/v2/" + repository + "/blobs/uploads/"))
			.POST(HttpRequest.BodyPublishers.noBody()), 202);
		URI upload = registry.resolve(started.headers().firstValue("Location").orElseThrow());
		String separator = upload.getQuery() == null ? "?" : "&";
		send(request(URI.create(upload + separator + "digest=" + digest))
			.header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.ofInputStream(content)), 201);
	}

	public Pushed pushManifest(String repository, String reference, String mediaType, byte[] bytes) {
		send(request(URI.create(registry + "/v2/" + repository + "/manifests/" + reference))
			.header("Content-Type", mediaType)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201);
		return new Pushed(Digests.sha256(bytes), mediaType, bytes.length, bytes);
	}

	private HttpRequest.Builder request(URI uri) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
		String value = authorization.get();
		if (value != null) {
			builder.header("Authorization", value);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " gave "
						+ response.statusCode() + ": " + response.body());
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
		Map<String, Object> descriptor = new LinkedHashMap<>();
		descriptor.put("mediaType", mediaType);
		descriptor.put("digest", digest);
		descriptor.put("size", size);
		return descriptor;
	}

	private static byte[] gunzip(byte[] gz) {
		try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
