package org.metahub.filters.session;

import java.util.Optional;

import org.metahub.config.MachineType;
import org.metahub.filters.fetch.SingleFlight;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a login and password against the configured machine types. Credentials the cache remembers
 * are accepted at once; every other check passes the login throttle first and runs the hash on the
 * bounded-elastic scheduler, never on an event loop. An unknown login is checked against a dummy hash
 * of the same algorithm and cost as the configured ones, so that it costs the same as a wrong password.
 */
public class CredentialVerifier {

	private final MachineTypeDirectory machineTypes;

	private final PasswordEncoder encoder;

	private final CredentialCache cache;

	private final LoginThrottle throttle;

	private final DummyHashes dummies;

	private final SingleFlight<String, Optional<MachineType>> checks = new SingleFlight<>(() -> {
	});

	public CredentialVerifier(MachineTypeDirectory machineTypes, PasswordEncoder encoder, CredentialCache cache,
			LoginThrottle throttle) {
		this.machineTypes = machineTypes;
		this.encoder = encoder;
		this.cache = cache;
		this.throttle = throttle;
		this.dummies = new DummyHashes(machineTypes.all());
	}

	/**
	 * The machine type the credentials belong to, or empty when the login is unknown or the password
	 * wrong; fails with 429 when the login or the client address has failed too often.
	 * @param clientAddress the address failures are counted for, see {@link ClientAddress}
	 */
	public Mono<MachineType> verify(BasicCredentials credentials, String clientAddress) {
		Optional<MachineType> cached = cache.get(credentials);
		if (cached.isPresent()) {
			return Mono.just(cached.get());
		}
		Mono<MachineType> check = Mono.fromCallable(() -> check(credentials)).subscribeOn(Schedulers.boundedElastic());
		// the same credentials from the same address at once (a fleet's nodes starting together) are one attempt
		return checks.run(cache.mac(credentials) + "@" + clientAddress, () -> throttle
			.attempt(credentials.login(), clientAddress, check)
			.doOnNext(type -> cache.put(credentials, type))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())).flatMap(Mono::justOrEmpty);
	}

	private MachineType check(BasicCredentials credentials) {
		Optional<MachineType> type = machineTypes.find(credentials.login());
		String hash = type.map(MachineType::password).orElseGet(() -> dummies.forUnknown(credentials.login()));
		return encoder.matches(credentials.password(), hash) && type.isPresent() ? type.get() : null;
	}

}
