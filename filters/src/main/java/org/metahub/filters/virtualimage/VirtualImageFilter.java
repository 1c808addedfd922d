package org.metahub.filters.virtualimage;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metahub.config.MachineType;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.fetch.CachedManifest;
import org.metahub.filters.fetch.FetchOutcome;
import org.metahub.filters.fetch.ListSelection;
import org.metahub.filters.fetch.ManifestRequest;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfile;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.upstream.UpstreamRoute;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers requests for a virtual name (on the default upstream when the request names no upstream, on
 * another when it names that one), which it shadows entirely: a declared tag
 * is the built index, selected for the caller as any list; a child manifest by digest is fetched from its
 * component's repository (and its blobs remembered); a blob is rerouted to the component's upstream and
 * repository, so that the upstream filters stream it; anything else is unknown. Built indexes and
 * rewritten lists by digest were answered earlier, by the rewritten manifest filter.
 */
public class VirtualImageFilter implements GlobalFilter, Ordered {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final VirtualImages images;

	private final VirtualIndexResolver resolver;

	private final ComponentUpstreams components;

	private final VirtualDigestIndex digests;

	private final ListSelection selection;

	private final MachineProfiles profiles;

	private final IndexRewriter rewriter;

	public VirtualImageFilter(VirtualImages images, VirtualIndexResolver resolver, ComponentUpstreams components,
			VirtualDigestIndex digests, ListSelection selection, MachineProfiles profiles, IndexRewriter rewriter) {
		this.images = images;
		this.resolver = resolver;
		this.components = components;
		this.digests = digests;
		this.selection = selection;
		this.profiles = profiles;
		this.rewriter = rewriter;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		UpstreamRoute route = exchange.getAttribute(ExchangeAttributes.UPSTREAM_ROUTE);
		String virtual = path == null ? null : images.addressed(route, path.name()).orElse(null);
		if (virtual == null) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> switch (path.kind()) {
			case TAGS -> tags(exchange, virtual, path.name());
			case MANIFEST -> path.byDigest() ? child(exchange, virtual, path) : tag(exchange, virtual, path);
			case BLOB, REFERRERS -> reroute(exchange, chain, virtual, path);
			default -> chain.filter(exchange);
		});
	}

	private Mono<Void> tag(ServerWebExchange exchange, String virtual, DistributionPath path) {
		VirtualImageSpec spec = images.find(virtual, path.reference())
			.orElseThrow(() -> OciError.MANIFEST_UNKNOWN.exception("virtual image " + path.name()
					+ " declares no tag '" + path.reference() + "'; its tags are " + images.tags(virtual),
					path.name() + ":" + path.reference()));
		MachineType machineType = exchange.getAttribute(ExchangeAttributes.MACHINE_TYPE);
		return resolver.resolve(spec).flatMap(index -> {
			if (machineType == null) {
				return serve(exchange, index.bytes(), index.mediaType(), index.digest());
			}
			MachineProfile machine = profiles.of(machineType);
			if (machine.resolve() == MachineType.Resolve.IMAGE) {
				String digest = rewriter.imageFor(index.bytes(), index.mediaType(), machine).digest();
				return child(exchange, virtual, path.name(), digest, index.locations().get(digest));
			}
			// the index has no upstream: its key names the virtual name, the list digest decides the rest
			ManifestRequest key = new ManifestRequest("virtual", virtual, path.reference(),
					URI.create("virtual:" + virtual), null, null);
			return selection.select(virtual, key, new CachedManifest(index.mediaType(), index.digest(), index.bytes()),
					machine).flatMap(served -> serve(exchange, served.bytes(), served.mediaType(), served.digest()));
		});
	}

	private Mono<Void> child(ServerWebExchange exchange, String virtual, DistributionPath path) {
		return resolver.locate(images, virtual, path.reference())
			.flatMap(location -> child(exchange, virtual, path.name(), path.reference(),
					location.orElseThrow(() -> unknown(OciError.MANIFEST_UNKNOWN, path))));
	}

	private Mono<Void> child(ServerWebExchange exchange, String virtual, String name, String digest,
			ComponentLocation location) {
		String accept = String.join(", ", exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT));
		return components.fetch(location, digest, accept.isEmpty() ? VirtualIndexResolver.ACCEPT_ALL : accept)
			.flatMap(outcome -> {
				CachedManifest manifest = found(outcome, name, digest);
				if (!MediaTypes.isList(manifest.contentType())) {
					digests.rememberBlobs(virtual, manifest.bytes(), location);
				}
				return serve(exchange, manifest.bytes(), manifest.contentType(), manifest.digest());
			});
	}

	private static CachedManifest found(FetchOutcome outcome, String name, String digest) {
		if (outcome.manifest() != null) {
			return outcome.manifest();
		}
		if (outcome.passThrough().status() == 404) {
			throw OciError.MANIFEST_UNKNOWN.exception("the component repository of virtual image " + name
					+ " no longer has " + digest, digest);
		}
		throw OciError.UPSTREAM_UNAVAILABLE.exception("the component repository of virtual image " + name
				+ " answered HTTP " + outcome.passThrough().status() + " for " + digest, digest);
	}

	// the upstream filters point the request at the component's repository and stream the blob
	private Mono<Void> reroute(ServerWebExchange exchange, GatewayFilterChain chain, String virtual,
			DistributionPath path) {
		OciError error = path.kind() == DistributionPath.Kind.BLOB ? OciError.BLOB_UNKNOWN : OciError.MANIFEST_UNKNOWN;
		return resolver.locate(images, virtual, path.reference()).flatMap(found -> {
			ComponentLocation location = found.orElseThrow(() -> unknown(error, path));
			UpstreamProperties upstream = components.upstream(location);
			Map<String, Object> attributes = exchange.getAttributes();
			attributes.put(ExchangeAttributes.DISTRIBUTION_PATH, path.withName(location.repository()));
			attributes.put(ExchangeAttributes.UPSTREAM, upstream);
			attributes.put(ExchangeAttributes.UPSTREAM_ROUTE, new UpstreamRoute(upstream, UpstreamRoute.Form.DEFAULT));
			return chain.filter(exchange);
		});
	}

	private static RuntimeException unknown(OciError error, DistributionPath path) {
		return error.exception("the gateway did not hand out " + path.reference() + " under virtual image "
				+ path.name(), path.name() + "@" + path.reference());
	}

	// pagination is not applied: a spec declares a handful of tags
	private Mono<Void> tags(ServerWebExchange exchange, String virtual, String name) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("name", name);
		answer.put("tags", List.copyOf(images.tags(virtual)));
		byte[] body = JSON.writeValueAsBytes(answer);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.length);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static Mono<Void> serve(ServerWebExchange exchange, byte[] bytes, String mediaType, String digest) {
		exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, digest);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		ContentHeaders.describe(response.getHeaders(), bytes, mediaType, digest);
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	@Override
	public int getOrder() {
		return FilterOrder.VIRTUAL_IMAGE;
	}

}
