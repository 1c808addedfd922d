package org.metahub.filters.session;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;

import org.metahub.filters.oci.OciError;

/**
 * A login and password, as sent in an {@code Authorization: Basic} header or a token request form.
 *
 * @param login the machine type's login
 * @param password the plain password, never logged
 */
public record BasicCredentials(String login, String password) {

	private static final String SCHEME = "basic ";

	/** Whether the Authorization header uses the Basic scheme (case-insensitive, as RFC 7235 wants). */
	public static boolean isBasic(String authorization) {
		return authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
	}

	/**
	 * Parses a Basic Authorization header.
	 * @throws org.metahub.filters.oci.OciException with status 400 for malformed base64, text that is
	 * not UTF-8, or a missing colon
	 */
	public static BasicCredentials parse(String authorization) {
		if (!isBasic(authorization)) {
			throw malformed("expected the Basic scheme");
		}
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
		}
		catch (IllegalArgumentException ex) {
			throw malformed("the Basic credentials are not valid base64");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(decoded))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw malformed("the Basic credentials are not UTF-8");
		}
		int colon = text.indexOf(':');
		if (colon <= 0) {
			throw malformed("the Basic credentials must be <login>:<password>");
		}
		return new BasicCredentials(text.substring(0, colon), text.substring(colon + 1));
	}

	private static RuntimeException malformed(String why) {
		return OciError.BAD_REQUEST.exception("malformed Authorization header: " + why);
	}

	@Override
	public String toString() {
		return "BasicCredentials[login=" + login + "]";
	}

}
