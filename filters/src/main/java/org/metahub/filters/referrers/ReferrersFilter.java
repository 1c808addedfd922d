package org.metahub.filters.referrers;

import java.net.URI;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.fetch.FetchOutcome;
import org.metahub.filters.fetch.ManifestFetcher;
import org.metahub.filters.fetch.ManifestRequest;
import org.metahub.filters.fetch.UpstreamAnswer;
import org.metahub.filters.fetch.UpstreamAnswerWriter;
import org.metahub.filters.fetch.UpstreamManifestClient;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.StoredManifest;
import org.metahub.filters.oci.AcceptedTypes;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.MediaTypes;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers {@code GET /v2/<name>/referrers/<digest>}: from the upstream's referrers API when it has one, else (a
 * 404, which is how the spec says a registry without it answers) from the referrers tag schema, an index under
 * the tag {@code sha256-<hex>}, else with an empty index. The digest of a list the gateway rewrote stands for
 * the upstream list it came from. {@code artifactType} filters, and {@code OCI-Filters-Applied} says so.
 */
public class ReferrersFilter implements GlobalFilter, Ordered {

	static final String FILTERS_APPLIED = "OCI-Filters-Applied";

	private static final String ARTIFACT_TYPE = "artifactType";

	private final UpstreamManifestClient client;

	private final ManifestFetcher fetcher;

	private final ManifestStore store;

	public ReferrersFilter(UpstreamManifestClient client, ManifestFetcher fetcher, ManifestStore store) {
		this.client = client;
		this.fetcher = fetcher;
		this.store = store;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		HttpMethod method = exchange.getRequest().getMethod();
		if (path == null || path.kind() != DistributionPath.Kind.REFERRERS || url == null || upstream == null
				|| !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
			return chain.filter(exchange);
		}
		String artifactType = exchange.getRequest().getQueryParams().getFirst(ARTIFACT_TYPE);
		String authorization = exchange.getAttribute(ExchangeAttributes.UPSTREAM_AUTHORIZATION);
		return subject(upstream, path).flatMap(subject -> {
			URI referrers = withSubject(url, subject);
			return client.get(referrers, authorization, MediaTypes.OCI_INDEX).flatMap(answer -> {
				if (answer.isOk()) {
					return fromApi(exchange, answer, artifactType);
				}
				if (answer.status() != HttpStatus.NOT_FOUND.value()) {
					return UpstreamAnswerWriter.write(exchange, answer);
				}
				ManifestRequest tagSchema = ManifestRequest.of(manifestUrl(referrers, ReferrersIndex.tagFor(subject)),
						repository(referrers), ReferrersIndex.tagFor(subject), authorization, AcceptedTypes.UPSTREAM_ACCEPT);
				return fetcher.fetch(tagSchema).flatMap(outcome -> fromTagSchema(exchange, outcome, artifactType));
			});
		});
	}

	// a rewritten list's digest stands for the upstream list it was rewritten from
	private Mono<String> subject(UpstreamProperties upstream, DistributionPath path) {
		return store.find(ManifestStore.qualified(upstream.name(), path.name()), path.reference())
			.mapNotNull(StoredManifest::origin)
			.defaultIfEmpty(path.reference());
	}

	// the upstream's own answer, filtered here when it did not filter itself
	private static Mono<Void> fromApi(ServerWebExchange exchange, UpstreamAnswer answer, String artifactType) {
		if (artifactType == null || answer.headers().containsHeader(FILTERS_APPLIED)) {
			return UpstreamAnswerWriter.write(exchange, answer);
		}
		return write(exchange, ReferrersIndex.of(answer.body(), artifactType), true);
	}

	private static Mono<Void> fromTagSchema(ServerWebExchange exchange, FetchOutcome outcome, String artifactType) {
		UpstreamAnswer refused = outcome.passThrough();
		if (refused != null && refused.status() != HttpStatus.NOT_FOUND.value()) {
			return UpstreamAnswerWriter.write(exchange, refused);
		}
		boolean index = refused == null && MediaTypes.OCI_INDEX.equals(MediaTypes.essence(outcome.manifest().contentType()));
		byte[] body = index ? ReferrersIndex.of(outcome.manifest().bytes(), artifactType) : ReferrersIndex.empty();
		return write(exchange, body, artifactType != null);
	}

	private static Mono<Void> write(ServerWebExchange exchange, byte[] body, boolean filtered) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.parseMediaType(MediaTypes.OCI_INDEX));
		response.getHeaders().setContentLength(body.length);
		if (filtered) {
			response.getHeaders().set(FILTERS_APPLIED, ARTIFACT_TYPE);
		}
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	// /v2/<repository>/referrers/<digest>[?query] with another digest, the query kept
	private static URI withSubject(URI url, String subject) {
		String path = url.getRawPath();
		String query = url.getRawQuery();
		return url.resolve(path.substring(0, path.lastIndexOf('/') + 1) + subject + (query == null ? "" : "?" + query));
	}

	private static URI manifestUrl(URI referrers, String tag) {
		return referrers.resolve("/v2/" + repository(referrers) + "/manifests/" + tag);
	}

	private static String repository(URI referrers) {
		String path = referrers.getRawPath();
		return path.substring("/v2/".length(), path.lastIndexOf("/referrers/"));
	}

	@Override
	public int getOrder() {
		return FilterOrder.REFERRERS;
	}

}
