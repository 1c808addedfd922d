package org.metahub.filters.fetch;

import java.net.URI;
import java.util.List;

import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers manifest requests (GET and HEAD, by tag and by digest) itself, so the routing filter never
 * runs for them: the manifest comes from the {@link ManifestFetcher} (cache, single-flight, upstream)
 * with the URL and credentials the upstream filters prepared, and a list asked for by tag is rewritten
 * for the caller's machine type. HEAD answers with exactly the headers a GET would get.
 */
public class ManifestFetchFilter implements GlobalFilter, Ordered {

	static final String STALE_WARNING = "110 - \"Response is stale\"";

	private static final List<String> HOP_BY_HOP = List.of(HttpHeaders.CONNECTION, HttpHeaders.TRANSFER_ENCODING,
			"Keep-Alive", HttpHeaders.CONTENT_LENGTH, HttpHeaders.UPGRADE, HttpHeaders.TRAILER);

	private final ManifestFetcher fetcher;

	private final ListSelection selection;

	public ManifestFetchFilter(ManifestFetcher fetcher, ListSelection selection) {
		this.fetcher = fetcher;
		this.selection = selection;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		HttpMethod method = exchange.getRequest().getMethod();
		if (path == null || path.kind() != DistributionPath.Kind.MANIFEST || url == null
				|| !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = exchange.getRequest().getHeaders();
		ManifestRequest request = ManifestRequest.of(url, upstreamRepository(url, path), path.reference(),
				headers.getFirst(HttpHeaders.AUTHORIZATION), accept(headers));
		MachineType machineType = exchange.getAttribute(ExchangeAttributes.MACHINE_TYPE);
		return fetcher.fetch(request).flatMap(outcome -> {
			if (outcome.passThrough() != null) {
				return passThrough(exchange, outcome.passThrough());
			}
			CachedManifest manifest = outcome.manifest();
			if (outcome.stale()) {
				exchange.getResponse().getHeaders().set(HttpHeaders.WARNING, STALE_WARNING);
			}
			if (machineType != null && !path.byDigest() && MediaTypes.isList(manifest.contentType())) {
				return selection.select(path.name(), request, manifest, machineType).flatMap(served -> {
					exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, served.digest());
					return write(exchange, served.bytes(), served.mediaType(), served.digest());
				});
			}
			return write(exchange, manifest.bytes(), manifest.contentType(), manifest.digest());
		});
	}

	// clients such as skopeo send one Accept header per media type: all of them go upstream
	private static String accept(HttpHeaders headers) {
		List<String> values = headers.getOrEmpty(HttpHeaders.ACCEPT);
		return values.isEmpty() ? null : String.join(", ", values);
	}

	// the path of the upstream URL names the repository within the upstream: /v2/<name>/manifests/<ref>
	private static String upstreamRepository(URI url, DistributionPath path) {
		String upstreamPath = url.getRawPath();
		int end = upstreamPath.lastIndexOf("/manifests/");
		return end > 4 ? upstreamPath.substring(4, end) : path.name();
	}

	private static Mono<Void> write(ServerWebExchange exchange, byte[] bytes, String mediaType, String digest) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		ContentHeaders.describe(response.getHeaders(), bytes, mediaType, digest);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	private static Mono<Void> passThrough(ServerWebExchange exchange, UpstreamAnswer answer) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		answer.headers().forEach((name, values) -> {
			if (HOP_BY_HOP.stream().noneMatch(name::equalsIgnoreCase)) {
				response.getHeaders().put(name, values);
			}
		});
		response.getHeaders().setContentLength(answer.body().length);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod()) || answer.body().length == 0) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
	}

	@Override
	public int getOrder() {
		return FilterOrder.MANIFEST_FETCH;
	}

}
