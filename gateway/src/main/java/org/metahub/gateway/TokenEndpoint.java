package org.metahub.gateway;

import java.util.function.Consumer;

import org.metahub.config.MachineType;
import org.metahub.config.TokenRequestProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.session.Challenges;
import org.metahub.filters.session.ClientAddress;
import org.metahub.filters.session.TokenForms;
import org.metahub.filters.session.TokenRequest;
import org.metahub.filters.session.TokenResponse;
import org.metahub.filters.session.TokenService;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The token endpoint: {@code GET /token} with Basic credentials as docker, podman and skopeo ask,
 * and {@code POST /token} with the OAuth2 form as containerd asks, read with its own size cap. Errors
 * become OCI error documents through {@link OciErrorWebExceptionHandler}.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpoint {

	@Bean
	RouterFunction<ServerResponse> tokenRoutes(TokenService tokens, TokenRequestProperties limits) {
		TokenForms forms = new TokenForms(limits.maxFormSize());
		return RouterFunctions.route()
			.GET(Challenges.TOKEN_PATH,
					request -> Mono.defer(() -> answer(tokens.token(fromQuery(request), clientAddress(request),
							issuedTo(request)))))
			.POST(Challenges.TOKEN_PATH, request -> forms.read(request.exchange().getRequest())
				.flatMap(form -> answer(tokens.token(TokenRequest.fromForm(form), clientAddress(request),
						issuedTo(request)))))
			.build();
	}

	private static TokenRequest fromQuery(ServerRequest request) {
		return TokenRequest.fromQuery(request.headers().firstHeader(HttpHeaders.AUTHORIZATION), request.queryParams());
	}

	private static String clientAddress(ServerRequest request) {
		return ClientAddress.of(request.exchange().getRequest());
	}

	// the access log and the request metrics name the machine type a token went to
	private static Consumer<MachineType> issuedTo(ServerRequest request) {
		return type -> request.exchange().getAttributes().put(ExchangeAttributes.MACHINE_TYPE, type);
	}

	private static Mono<ServerResponse> answer(Mono<TokenResponse> token) {
		return token.flatMap(response -> ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.bodyValue(response));
	}

}
