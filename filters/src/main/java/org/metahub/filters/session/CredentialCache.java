package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.metahub.config.MachineType;

/**
 * Remembers credentials that passed the password hash, so that bcrypt does not run on every request.
 * Keys are HMAC-SHA256 of login and password under a random per-process key: the plain password is
 * never kept, and a heap dump yields nothing that can be checked offline without that key.
 */
public class CredentialCache {

	private static final String ALGORITHM = "HmacSHA256";

	// Mac.getInstance looks the provider up each time: one initialised instance per thread instead
	private final ThreadLocal<Mac> macs;

	private final Duration ttl;

	private final Clock clock;

	private final ExpiringMap<String, MachineType> verified;

	public CredentialCache(int maxSize, Duration ttl, Clock clock) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
		this.macs = ThreadLocal.withInitial(() -> newMac(key));
		this.ttl = ttl;
		this.clock = clock;
		this.verified = new ExpiringMap<>(maxSize, clock);
	}

	public Optional<MachineType> get(BasicCredentials credentials) {
		return verified.get(mac(credentials));
	}

	public void put(BasicCredentials credentials, MachineType machineType) {
		verified.put(mac(credentials), machineType, clock.instant().plus(ttl));
	}

	/** A key for the credentials that holds neither the password nor anything checkable without this process. */
	String mac(BasicCredentials credentials) {
		// the login's length first, so that "a:b" + "c" and "a" + "b:c" differ
		String input = credentials.login().length() + ":" + credentials.login() + ":" + credentials.password();
		return HexFormat.of().formatHex(macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8)));
	}

	private static Mac newMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

}
