package org.metahub.filters.fetch;

import java.net.URI;
import java.util.List;

import org.metahub.config.MachineType;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfile;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.upstream.UpstreamRefusal;
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

	// hop-by-hop headers, and the upstream's challenge, which would send clients to the upstream's realm
	private static final List<String> NOT_PASSED = List.of(HttpHeaders.CONNECTION, HttpHeaders.TRANSFER_ENCODING,
			"Keep-Alive", HttpHeaders.CONTENT_LENGTH, HttpHeaders.UPGRADE, HttpHeaders.TRAILER,
			HttpHeaders.WWW_AUTHENTICATE);

	private final ManifestFetcher fetcher;

	private final ListSelection selection;

	private final MachineProfiles profiles;

	private final IndexRewriter rewriter;

	public ManifestFetchFilter(ManifestFetcher fetcher, ListSelection selection, MachineProfiles profiles,
			IndexRewriter rewriter) {
		this.fetcher = fetcher;
		this.selection = selection;
		this.profiles = profiles;
		this.rewriter = rewriter;
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
				exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION), accept(headers));
		MachineType machineType = exchange.getAttribute(ExchangeAttributes.MACHINE_TYPE);
		return fetcher.fetch(request).flatMap(outcome -> {
			if (outcome.passThrough() != null) {
				return passThrough(exchange, outcome.passThrough());
			}
			CachedManifest manifest = outcome.manifest();
			if (outcome.stale()) {
				exchange.getResponse().getHeaders().set(HttpHeaders.WARNING, STALE_WARNING);
			}
			if (machineType == null || !MediaTypes.isList(manifest.contentType())) {
				return write(exchange, manifest.bytes(), manifest.contentType(), manifest.digest());
			}
			MachineProfile machine = profiles.of(machineType);
			if (path.byDigest()) {
				return pinned(exchange, path, manifest, machine);
			}
			if (machine.resolve() == MachineType.Resolve.IMAGE) {
				return resolveImage(exchange, request, manifest, machine);
			}
			UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
			return selection.select(ManifestStore.qualified(upstream.name(), path.name()), request, manifest, machine)
				.flatMap(served -> serve(exchange, served.bytes(), served.mediaType(), served.digest()));
		});
	}

	// a pull by the upstream list's digest cannot be rewritten: the client verifies the bytes
	private static Mono<Void> pinned(ServerWebExchange exchange, DistributionPath path, CachedManifest list,
			MachineProfile machine) {
		if (machine.pinned() == MachineType.Pinned.REJECT) {
			return Mono.error(OciError.DENIED.exception("machine type '" + machine.name() + "' does not pull "
					+ "manifest lists by digest, since a pinned list cannot be rewritten for it: pull by tag, or pin "
					+ "the digest that a HEAD of the tag answers with this login, which is the list chosen for it",
					path.name() + "@" + path.reference()));
		}
		return write(exchange, list.bytes(), list.contentType(), list.digest());
	}

	// resolve: image serves the chosen entry's own manifest for the tag, under its upstream digest
	private Mono<Void> resolveImage(ServerWebExchange exchange, ManifestRequest request, CachedManifest list,
			MachineProfile machine) {
		String digest = rewriter.imageFor(list.bytes(), list.contentType(), machine).digest();
		return fetcher.fetch(request.withReference(digest)).flatMap(outcome -> {
			if (outcome.passThrough() != null) {
				return passThrough(exchange, outcome.passThrough());
			}
			CachedManifest image = outcome.manifest();
			return serve(exchange, image.bytes(), image.contentType(), image.digest());
		});
	}

	private static Mono<Void> serve(ServerWebExchange exchange, byte[] bytes, String mediaType, String digest) {
		exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, digest);
		return write(exchange, bytes, mediaType, digest);
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
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		if (answer.status() == HttpStatus.UNAUTHORIZED.value() && upstream != null) {
			return Mono.error(UpstreamRefusal.of(upstream));
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		answer.headers().forEach((name, values) -> {
			if (NOT_PASSED.stream().noneMatch(name::equalsIgnoreCase)) {
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
