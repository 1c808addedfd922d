package org.metahub.gateway;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.metahub.config.AdminProperties;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.ManifestProperties;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.admin.AdminAuthenticator;
import org.metahub.filters.explain.Explainer;
import org.metahub.filters.explain.ManifestSource;
import org.metahub.filters.explain.UpstreamManifestSource;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.session.ClientAddress;
import org.metahub.filters.session.LoginThrottle;
import org.metahub.filters.session.PasswordEncoders;
import org.metahub.filters.upstream.ChallengeProbe;
import org.metahub.filters.upstream.HttpTokenClient;
import org.metahub.filters.upstream.RealmPolicy;
import org.metahub.filters.upstream.TokenCache;
import org.metahub.filters.upstream.UpstreamAuthorizer;
import org.metahub.filters.upstream.UpstreamNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The gateway's admin endpoint {@code GET /metahub/v1/explain?image=<name>:<tag>&login=<login>}: why a login
 * receives what it receives. Basic auth with {@code metahub.admin.*}; without an administrator configured it
 * answers 404 ("the admin endpoints are disabled"). Errors become OCI error documents through
 * {@link OciErrorWebExceptionHandler}.
 */
@Configuration(proxyBeanMethods = false)
class AdminEndpoint {

	static final String EXPLAIN_PATH = "/metahub/v1/explain";

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

	/** Fetches lists from the default upstream for explaining; uncached, answering its challenge like the proxy does. */
	@Bean
	@ConditionalOnMissingBean
	ManifestSource manifestSource(Upstreams upstreams, ManifestProperties manifests) {
		UpstreamProperties upstream = upstreams.defaultUpstream();
		// redirects are not followed, so neither the probe nor the credentials leave the realm's host
		WebClient webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
				.responseTimeout(RESPONSE_TIMEOUT)
				.followRedirect(false)))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) manifests.maxSize().toBytes()))
			.build();
		java.time.Clock clock = java.time.Clock.systemUTC();
		UpstreamAuthorizer authorizer = new UpstreamAuthorizer(new ChallengeProbe(webClient, upstream.url()),
				new RealmPolicy(upstream.url(), upstream.allowedRealms()),
				new TokenCache(new HttpTokenClient(webClient, clock), clock), upstream);
		return new UpstreamManifestSource(webClient, upstream.url(), authorizer,
				new UpstreamNames(upstream.isDockerHub()));
	}

	@Bean
	Explainer explainer(MachineProfiles profiles, ManifestSource manifestSource, IndexRewriter indexRewriter) {
		return new Explainer(profiles, manifestSource, indexRewriter);
	}

	@Bean
	RouterFunction<ServerResponse> adminRoutes(AdminProperties admin, MachineTypeProperties machineTypes,
			Explainer explainer, LoginThrottle throttle) {
		if (!admin.isConfigured()) {
			return RouterFunctions.route()
				.GET(EXPLAIN_PATH, request -> Mono.error(OciError.ENDPOINT_UNKNOWN
					.exception("the admin endpoints are disabled: no metahub.admin.username is configured")))
				.build();
		}
		if (machineTypes.machineTypes().stream().anyMatch(type -> type.login().equals(admin.username()))) {
			throw new IllegalStateException("metahub.admin.username '" + admin.username()
					+ "' is also the login of a machine type: machine types must not be administrators");
		}
		AdminAuthenticator authenticator = new AdminAuthenticator(admin, PasswordEncoders.delegating(), throttle);
		return RouterFunctions.route()
			.GET(EXPLAIN_PATH, request -> authenticator
				.authenticate(request.headers().firstHeader(HttpHeaders.AUTHORIZATION),
						ClientAddress.of(request.exchange().getRequest()))
				.then(Mono.defer(() -> explainer.explain(query(request, "image"), query(request, "login"))))
				.flatMap(explanation -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.cacheControl(CacheControl.noStore())
					.bodyValue(explanation)))
			.build();
	}

	private static String query(ServerRequest request, String name) {
		return request.queryParam(name).orElse(null);
	}

}
