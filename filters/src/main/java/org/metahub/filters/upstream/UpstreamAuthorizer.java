package org.metahub.filters.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Mono;

/**
 * Answers the upstream's challenge for a request: nothing when it admits anonymous callers, Basic with
 * the upstream credentials, or a Bearer token for the request's scope.
 */
public class UpstreamAuthorizer {

	private final ChallengeProbe probe;

	private final RealmPolicy realmPolicy;

	private final TokenCache tokens;

	private final String basic;

	public UpstreamAuthorizer(ChallengeProbe probe, RealmPolicy realmPolicy, TokenCache tokens,
			UpstreamProperties upstream) {
		this.probe = probe;
		this.realmPolicy = realmPolicy;
		this.tokens = tokens;
		this.basic = upstream.hasCredentials() ? "Basic " + Base64.getEncoder()
			.encodeToString((upstream.username() + ":" + upstream.password()).getBytes(StandardCharsets.UTF_8)) : null;
	}

	/** @param upstreamPath the request under the upstream's repository name */
	public Mono<UpstreamGrant> authorize(DistributionPath upstreamPath) {
		return probe.challenge().flatMap(challenge -> {
			Optional<Challenge> bearer = challenge.bearer();
			if (bearer.isPresent()) {
				return bearer(bearer.get(), scope(upstreamPath));
			}
			if (challenge.asksForBasic() && basic != null) {
				return Mono.just(new UpstreamGrant(basic, probe::forget));
			}
			return Mono.just(new UpstreamGrant(null, probe::forget));
		});
	}

	/** The token scope a request needs: pull on its repository, or the catalog. */
	static String scope(DistributionPath path) {
		if (path.kind() == DistributionPath.Kind.CATALOG) {
			return "registry:catalog:*";
		}
		return path.name() == null ? null : "repository:" + path.name() + ":pull";
	}

	private Mono<UpstreamGrant> bearer(Challenge challenge, String scope) {
		URI realm;
		try {
			realm = new URI(challenge.realm());
		}
		catch (java.net.URISyntaxException ex) {
			return Mono.error(OciError.UPSTREAM_UNAVAILABLE.exception("the upstream names an invalid token realm"));
		}
		String credentials = basic != null && realmPolicy.mayReceiveCredentials(realm) ? basic : null;
		TokenRequest request = new TokenRequest(realm, challenge.service(), scope, credentials);
		return tokens.token(request)
			.map(token -> new UpstreamGrant("Bearer " + token.value(), () -> tokens.invalidate(request, token)));
	}

}
