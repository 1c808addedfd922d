package org.metahub.filters.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.metahub.config.MachineType;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** Mock exchanges of manifest requests, as the request filters leave them, and assertions on the answers. */
public final class ManifestExchanges {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	public static final MachineType SKYLAKE = new MachineType("skylake", "skylake", "{noop}secret",
			List.of("cpu:skylake"));

	/** The upstream requests are routed to unless told otherwise. */
	public static final UpstreamProperties DOCKER_HUB = new UpstreamProperties(URI.create("https://registry-1.docker.io"),
			null, null);

	private ManifestExchanges() {
	}

	public static MockServerWebExchange exchange(HttpMethod method, String path, MachineType machineType) {
		return exchange(method, path, machineType, DOCKER_HUB);
	}

	public static MockServerWebExchange exchange(HttpMethod method, String path, MachineType machineType,
			UpstreamProperties upstream) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
		exchange.getAttributes().put(ExchangeAttributes.DISTRIBUTION_PATH, DistributionPath.parse(path));
		exchange.getAttributes().put(ExchangeAttributes.UPSTREAM, upstream);
		if (machineType != null) {
			exchange.getAttributes().put(ExchangeAttributes.MACHINE_TYPE, machineType);
		}
		return exchange;
	}

	public static byte[] body(MockServerHttpResponse response) {
		return DataBufferUtils.join(response.getBody()).map(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).block(TIMEOUT);
	}

	public static void assertDescribes(HttpHeaders headers, byte[] body, String mediaType, String digest) {
		assertThat(headers.getContentLength()).isEqualTo(body.length);
		assertThat(headers.getContentType().toString()).isEqualTo(mediaType);
		assertThat(headers.getFirst("Docker-Content-Digest")).isEqualTo(digest);
		assertThat(headers.getETag()).isEqualTo("\"" + digest + "\"");
	}

	public static void assertOciError(Throwable error, OciError expected) {
		assertThat(error).isInstanceOf(OciException.class);
		assertThat(((OciException) error).error()).isEqualTo(expected);
	}

}
