package org.metahub.filters.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.metahub.config.AdminProperties;
import org.metahub.config.MachineType;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.session.BasicCredentials;
import org.metahub.filters.session.CredentialCache;
import org.metahub.filters.session.CredentialVerifier;
import org.metahub.filters.session.LoginThrottle;
import org.metahub.filters.session.MachineTypeDirectory;
import reactor.core.publisher.Mono;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks the administrator's Basic credentials for the gateway's own endpoints. The check is the machine types'
 * ({@link CredentialVerifier}: the hash on bounded-elastic, a dummy hash for a wrong user name), over a directory
 * that holds only the administrator, so a machine type's login is never an administrator.
 */
public class AdminAuthenticator {

	/** The challenge of a refused admin request. */
	public static final String CHALLENGE = "Basic realm=\"metahub-admin\"";

	private static final int CACHE_SIZE = 16;

	private static final Duration CACHE_TTL = Duration.ofMinutes(5);

	private final CredentialVerifier verifier;

	public AdminAuthenticator(AdminProperties admin, PasswordEncoder encoder, LoginThrottle throttle) {
		if (!admin.isConfigured()) {
			throw new IllegalArgumentException("metahub.admin.username is not configured");
		}
		MachineType administrator = new MachineType("admin", admin.username(), admin.password(), List.of());
		this.verifier = new CredentialVerifier(new MachineTypeDirectory(List.of(administrator)), encoder,
				new CredentialCache(CACHE_SIZE, CACHE_TTL, Clock.systemUTC()), throttle);
	}

	/**
	 * Completes when the header carries the administrator's credentials.
	 * @param authorization the request's Authorization header, or {@code null}
	 * @param clientAddress the address failed logins are counted for
	 * @return an error of 401 with a Basic challenge when missing or wrong, 400 when malformed, 429 after
	 * too many failures
	 */
	public Mono<Void> authenticate(String authorization, String clientAddress) {
		return Mono.defer(() -> {
			if (authorization == null || !BasicCredentials.isBasic(authorization)) {
				return Mono.error(unauthorized("administrator credentials are required"));
			}
			return verifier.verify(BasicCredentials.parse(authorization), clientAddress)
				.switchIfEmpty(Mono.error(() -> unauthorized("wrong administrator credentials")))
				.then();
		});
	}

	private static OciException unauthorized(String message) {
		return OciError.UNAUTHORIZED.exception(message).withHeader("WWW-Authenticate", CHALLENGE);
	}

}
