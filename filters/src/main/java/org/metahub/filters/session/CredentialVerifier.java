package org.metahub.filters.session;

import java.util.Optional;

import org.metahub.config.MachineType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a login and password against the configured machine types. The hash runs on the
 * bounded-elastic scheduler, never on an event loop; an unknown login runs a dummy hash so that the
 * answer takes about as long as for a wrong password.
 */
public class CredentialVerifier {

	private final MachineTypeDirectory machineTypes;

	private final PasswordEncoder encoder;

	private final CredentialCache cache;

	private volatile String dummyHash;

	public CredentialVerifier(MachineTypeDirectory machineTypes, PasswordEncoder encoder, CredentialCache cache) {
		this.machineTypes = machineTypes;
		this.encoder = encoder;
		this.cache = cache;
	}

	/** The machine type the credentials belong to, or empty when the login is unknown or the password wrong. */
	public Mono<MachineType> verify(BasicCredentials credentials) {
		Optional<MachineType> cached = cache.get(credentials);
		if (cached.isPresent()) {
			return Mono.just(cached.get());
		}
		return Mono.fromCallable(() -> check(credentials))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext(type -> cache.put(credentials, type));
	}

	private MachineType check(BasicCredentials credentials) {
		Optional<MachineType> type = machineTypes.find(credentials.login());
		if (type.isEmpty()) {
			encoder.matches(credentials.password(), dummyHash());
			return null;
		}
		return encoder.matches(credentials.password(), type.get().password()) ? type.get() : null;
	}

	// made on the first unknown login rather than at start-up, where a bcrypt hash costs a tenth of a second
	private String dummyHash() {
		String hash = dummyHash;
		if (hash == null) {
			hash = encoder.encode(OpaqueTokens.newToken());
			dummyHash = hash;
		}
		return hash;
	}

}
