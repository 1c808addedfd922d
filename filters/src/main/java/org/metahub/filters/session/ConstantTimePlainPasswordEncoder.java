package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.metahub.filters.oci.Digests;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code {noop}} passwords compared in constant time: both sides are hashed to SHA-256 first, so the
 * comparison takes the same time whatever the password's length and however much of it is right
 * (Spring's own NoOpPasswordEncoder stops at the first wrong character).
 */
final class ConstantTimePlainPasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return rawPassword.toString();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return MessageDigest.isEqual(sha256(rawPassword.toString()), sha256(encodedPassword));
	}

	private static byte[] sha256(String text) {
		return Digests.newSha256().digest(text.getBytes(StandardCharsets.UTF_8));
	}

}
