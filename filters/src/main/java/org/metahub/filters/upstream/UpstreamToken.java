package org.metahub.filters.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.metahub.filters.oci.OciError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bearer token of the upstream's token service and when it expires.
 *
 * @param value the token to send as {@code Authorization: Bearer <value>}
 * @param expiresAt when the token service said it stops being valid
 * @param lifetime how long it was valid when issued
 */
public record UpstreamToken(String value, Instant expiresAt, Duration lifetime) {

	/** What the token specification says to assume when the answer has no {@code expires_in}. */
	static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

	private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Parses a token service's answer; {@code issued_at} in the future (a skewed clock) counts as now.
	 * @throws org.metahub.filters.oci.OciException when the answer is no JSON object with a token
	 */
	public static UpstreamToken parse(byte[] body, Instant now) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("the upstream token service answered with something other than JSON");
		}
		if (json == null || !json.isObject()) {
			throw invalid("the upstream token service answered with something other than a JSON object");
		}
		String token = text(json, "token");
		if (token == null) {
			token = text(json, "access_token");
		}
		if (token == null) {
			throw invalid("the upstream token service answered without a token");
		}
		JsonNode expiresIn = json.get("expires_in");
		Duration lifetime = expiresIn != null && expiresIn.isNumber() && expiresIn.asLong() > 0
				? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
		Instant issuedAt = issuedAt(text(json, "issued_at"), now);
		return new UpstreamToken(token, issuedAt.plus(lifetime), lifetime);
	}

	/** When a cached token should be replaced: 10% of its lifetime, at most 30 s, before it expires. */
	public Instant refreshAt() {
		Duration margin = lifetime.dividedBy(10);
		return expiresAt.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
	}

	@Override
	public String toString() {
		return "UpstreamToken[expiresAt=" + expiresAt + "]";
	}

	private static Instant issuedAt(String value, Instant now) {
		if (value == null) {
			return now;
		}
		try {
			Instant issued = Instant.parse(value);
			return issued.isAfter(now) ? now : issued;
		}
		catch (DateTimeParseException ex) {
			return now;
		}
	}

	private static String text(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return node != null && node.isString() && !node.asString().isEmpty() ? node.asString() : null;
	}

	private static org.metahub.filters.oci.OciException invalid(String message) {
		return OciError.UPSTREAM_UNAVAILABLE.exception(message);
	}

}
