package org.metahub.filters.session;

/** The two kinds of token a store keeps: access tokens and refresh tokens. */
public enum TokenKind {

	ACCESS("session"), REFRESH("refresh");

	private final String keyPart;

	TokenKind(String keyPart) {
		this.keyPart = keyPart;
	}

	/** The store key for a token's fingerprint; the hash tag {@code {...}} keeps Redis Cluster happy. */
	public String key(String fingerprint) {
		return "metahub:" + keyPart + ":{" + fingerprint + "}";
	}

}
