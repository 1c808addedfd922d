package org.metahub.filters.session;

import java.util.function.Consumer;

import org.metahub.config.MachineType;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * The token endpoint's logic: checks the service, authenticates the password or refresh grant and
 * issues a token for the granted scopes. Unknown logins, wrong passwords and unknown refresh tokens
 * all get the same 401.
 */
public class TokenService {

	private final CredentialVerifier verifier;

	private final SessionStore sessions;

	private final MachineTypeDirectory machineTypes;

	private final TokenIssuer issuer;

	private final String service;

	private final ScopeLimits limits;

	public TokenService(CredentialVerifier verifier, SessionStore sessions, MachineTypeDirectory machineTypes,
			TokenIssuer issuer, String service, ScopeLimits limits) {
		this.verifier = verifier;
		this.sessions = sessions;
		this.machineTypes = machineTypes;
		this.issuer = issuer;
		this.service = service;
		this.limits = limits;
	}

	/**
	 * The token for a request; over-cap scopes are refused before any password check.
	 * @param clientAddress the address failed logins are counted for, see {@link ClientAddress}
	 */
	public Mono<TokenResponse> token(TokenRequest request, String clientAddress) {
		return token(request, clientAddress, type -> {
		});
	}

	/**
	 * The token for a request, as {@link #token(TokenRequest, String)}.
	 * @param issuedTo told the machine type a token is issued for, before it is issued (for the access log)
	 */
	public Mono<TokenResponse> token(TokenRequest request, String clientAddress, Consumer<MachineType> issuedTo) {
		if (request.service() != null && !request.service().equals(service)) {
			return Mono.error(OciError.BAD_REQUEST.exception("unknown service: this gateway is '" + service + "'",
					request.service()));
		}
		limits.checkRequested(request.scopes());
		var scopes = ScopePolicy.grant(request.scopes());
		limits.checkGranted(scopes);
		return switch (request.grant()) {
			case PASSWORD -> verifier.verify(request.credentials(), clientAddress)
				.switchIfEmpty(Mono.error(TokenService::rejected))
				.doOnNext(issuedTo)
				.flatMap(type -> issuer.issue(type, scopes, request.offline()));
			case REFRESH_TOKEN -> sessions.find(TokenKind.REFRESH, request.refreshToken())
				.flatMap(grant -> Mono.justOrEmpty(machineTypes.find(grant.login())))
				.switchIfEmpty(Mono.error(TokenService::rejected))
				.doOnNext(issuedTo)
				.flatMap((MachineType type) -> issuer.refresh(type, request.refreshToken(), scopes));
		};
	}

	private static OciException rejected() {
		return OciError.UNAUTHORIZED.exception("invalid login, password or refresh token")
			.withHeader(HttpHeaders.WWW_AUTHENTICATE, Challenges.BASIC_CHALLENGE);
	}

}
