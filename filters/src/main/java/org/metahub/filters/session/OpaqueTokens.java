package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.metahub.filters.oci.Digests;

/** Opaque random tokens (256 bits, base64url) and the fingerprint stores key them by. */
public final class OpaqueTokens {

	private static final int TOKEN_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private OpaqueTokens() {
	}

	public static String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** SHA-256 of the token in hex: a store that leaks its keys leaks no usable token. */
	public static String fingerprint(String token) {
		return HexFormat.of().formatHex(Digests.newSha256().digest(token.getBytes(StandardCharsets.UTF_8)));
	}

}
