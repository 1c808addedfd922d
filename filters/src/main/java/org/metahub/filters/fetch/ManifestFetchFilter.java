package org.metahub.filters.fetch;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.metahub.config.MachineType;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfile;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.oci.AcceptedTypes;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.upstream.UpstreamRefusal;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers manifest requests (GET and HEAD, by tag and by digest) itself, so the routing filter never
 * runs for them: the manifest comes from the {@link ManifestFetcher} (cache, single-flight, upstream)
 * with the URL and credentials the upstream filters prepared, and a list asked for by tag is rewritten
 * for the caller's machine type; a request whose Accept does not take the list gets the chosen entry's own
 * manifest. HEAD answers with exactly the headers a GET would get.
 */
public class ManifestFetchFilter implements GlobalFilter, Ordered {

	static final String STALE_WARNING = "110 - \"Response is stale\"";

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
		AcceptedTypes accepted = AcceptedTypes.of(accept(exchange.getRequest().getHeaders()));
		// the gateway's own Accept: lists come back as lists, so that selection is never bypassed
		ManifestRequest request = ManifestRequest.of(url, upstreamRepository(url, path), path.reference(),
				exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION), AcceptedTypes.UPSTREAM_ACCEPT);
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
			if (!accepted.accepts(manifest.contentType())) {
				return resolveImage(exchange, request, manifest, machine, accepted);
			}
			if (path.byDigest()) {
				return pinned(exchange, path, manifest, machine);
			}
			if (machine.resolve() == MachineType.Resolve.IMAGE) {
				return resolveImage(exchange, request, manifest, machine, accepted);
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

	/**
	 * The chosen entry's own manifest, under its upstream digest: for {@code resolve: image}, and for requests
	 * whose Accept does not take the list, when it takes the entry's media type.
	 */
	private Mono<Void> resolveImage(ServerWebExchange exchange, ManifestRequest request, CachedManifest list,
			MachineProfile machine, AcceptedTypes accepted) {
		Descriptor entry = rewriter.imageFor(list.bytes(), list.contentType(), machine);
		if (entry.mediaType() != null && !accepted.accepts(entry.mediaType())) {
			return Mono.error(notOffered(list, entry.mediaType(), accepted));
		}
		return fetcher.fetch(request.withReference(entry.digest())).flatMap(outcome -> {
			if (outcome.passThrough() != null) {
				return passThrough(exchange, outcome.passThrough());
			}
			CachedManifest image = outcome.manifest();
			if (!accepted.accepts(image.contentType())) {
				return Mono.error(notOffered(list, image.contentType(), accepted));
			}
			return serve(exchange, image.bytes(), image.contentType(), image.digest());
		});
	}

	private static OciException notOffered(CachedManifest list, String entryType, AcceptedTypes accepted) {
		List<String> offered = List.of(MediaTypes.essence(list.contentType()), MediaTypes.essence(entryType));
		return OciError.MANIFEST_UNKNOWN.exception("the manifest is offered as " + String.join(" or ", offered)
				+ " for this machine type, and the request's Accept takes neither",
				Map.of("offered", offered, "accepted", accepted.ranges()));
	}

	private static Mono<Void> serve(ServerWebExchange exchange, byte[] bytes, String mediaType, String digest) {
		exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, digest);
		return write(exchange, bytes, mediaType, digest);
	}

	// clients such as skopeo send one Accept header per media type
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
		return UpstreamAnswerWriter.write(exchange, answer);
	}

	@Override
	public int getOrder() {
		return FilterOrder.MANIFEST_FETCH;
	}

}
