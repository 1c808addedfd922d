package org.metahub.filters.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests as the distribution API writes them: {@code sha256:<hex>}. */
public final class Digests {

	private Digests() {
	}

	public static String sha256(byte[] content) {
		return "sha256:" + HexFormat.of().formatHex(newSha256().digest(content));
	}

	public static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
