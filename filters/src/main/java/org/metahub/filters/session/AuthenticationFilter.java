package org.metahub.filters.session;

import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.upstream.UpstreamRouter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves the caller's machine type from a session token ({@code Bearer}) or from credentials sent
 * directly ({@code Basic}, full pull access, for nodes with a static header that never see a
 * challenge), and checks that a token's scopes cover the request. Everyone else gets a challenge, whatever
 * upstream the request names: only a known caller learns that a host names no upstream.
 */
public class AuthenticationFilter implements GlobalFilter, Ordered {

	private static final String BEARER = "bearer ";

	private final SessionStore sessions;

	private final CredentialVerifier verifier;

	private final MachineTypeDirectory machineTypes;

	private final Challenges challenges;

	public AuthenticationFilter(SessionStore sessions, CredentialVerifier verifier, MachineTypeDirectory machineTypes,
			Challenges challenges) {
		this.sessions = sessions;
		this.verifier = verifier;
		this.machineTypes = machineTypes;
		this.challenges = challenges;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return Mono.defer(() -> authenticate(exchange, chain));
	}

	private Mono<Void> authenticate(ServerWebExchange exchange, GatewayFilterChain chain) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		if (path == null) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		String scope = requiredScope(path, exchange.getAttribute(ExchangeAttributes.REQUEST_TARGET));
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		Mono<MachineType> caller;
		if (authorization == null) {
			return Mono.error(challenges.unauthorized(request, scope, null));
		}
		else if (BasicCredentials.isBasic(authorization)) {
			caller = verifier.verify(BasicCredentials.parse(authorization), ClientAddress.of(request))
				.switchIfEmpty(Mono.error(() -> challenges.unauthorized(request, scope, null)));
		}
		else if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			caller = fromSession(request, bearerToken(authorization), scope);
		}
		else {
			return Mono.error(challenges.unauthorized(request, scope, null));
		}
		return caller.flatMap(type -> {
			exchange.getAttributes().put(ExchangeAttributes.MACHINE_TYPE, type);
			OciException routingFailure = exchange.getAttribute(ExchangeAttributes.ROUTING_FAILURE);
			return routingFailure == null ? chain.filter(exchange) : Mono.error(routingFailure);
		});
	}

	private Mono<MachineType> fromSession(ServerHttpRequest request, String token, String scope) {
		return sessions.find(TokenKind.ACCESS, token)
			.switchIfEmpty(Mono.error(() -> challenges.unauthorized(request, scope, "invalid_token")))
			.flatMap(session -> {
				if (scope != null && !session.allows(scope)) {
					return Mono.error(challenges.unauthorized(request, scope, "insufficient_scope"));
				}
				return Mono.justOrEmpty(machineTypes.find(session.login()))
					.switchIfEmpty(Mono.error(() -> challenges.unauthorized(request, scope, "invalid_token")));
			});
	}

	/**
	 * The scope a request needs; the base endpoint needs none beyond a valid session. The repository
	 * is named as the client addressed it, with the upstream's path component.
	 */
	static String requiredScope(DistributionPath path, UpstreamRouter.Target target) {
		return switch (path.kind()) {
			case BASE -> null;
			case CATALOG -> Scope.CATALOG;
			default -> Scope.repositoryPull(target == null ? path.name() : target.addressedName(path.name()));
		};
	}

	private static String bearerToken(String authorization) {
		String token = authorization.substring(BEARER.length()).trim();
		if (token.isEmpty() || token.contains(" ")) {
			throw OciError.BAD_REQUEST.exception("malformed Authorization header: expected Bearer <token>");
		}
		return token;
	}

	@Override
	public int getOrder() {
		return FilterOrder.AUTHENTICATION;
	}

}
