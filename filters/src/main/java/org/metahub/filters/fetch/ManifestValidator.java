package org.metahub.filters.fetch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.RegistryHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Checks a 200 answer before it is served or cached: a JSON manifest media type, a JSON object body
 * (a list with a manifests array), and bytes that hash to the digest asked for or announced. A
 * mismatch is logged as a security event.
 */
public class ManifestValidator {

	static final String SECURITY_PREFIX = "SECURITY digest mismatch";

	private static final Log logger = LogFactory.getLog(ManifestValidator.class);

	private static final String SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ManifestListParser parser = new ManifestListParser();

	CachedManifest validate(ManifestRequest request, UpstreamAnswer answer) {
		String contentType = answer.headers().getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null || !isManifestType(MediaTypes.essence(contentType))) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream answered a manifest request with Content-Type "
					+ contentType, Map.of("upstream", request.upstream(), "repository", request.repository()));
		}
		byte[] body = answer.body();
		if (MediaTypes.isList(contentType)) {
			parser.readTree(body);
		}
		else {
			requireJsonObject(body);
		}
		String announced = answer.headers().getFirst(RegistryHeaders.CONTENT_DIGEST);
		String expected = request.byDigest() ? request.reference() : announced;
		// schema 1 digests cover the payload without its signatures, not the bytes
		if (expected == null || MediaTypes.essence(contentType).equals(SCHEMA1_SIGNED)) {
			return new CachedManifest(contentType, expected != null ? expected : digest("sha256", body), body);
		}
		int colon = expected.indexOf(':');
		String algorithm = colon > 0 ? expected.substring(0, colon) : "";
		String actual = algorithm.equals("sha256") || algorithm.equals("sha512") ? digest(algorithm, body) : null;
		if (!expected.equals(actual)) {
			logger.warn(SECURITY_PREFIX + ": upstream " + request.upstream() + " repository " + request.repository()
					+ " reference " + request.reference() + " expected " + expected + " actual "
					+ digest("sha256", body));
			throw OciError.UPSTREAM_DIGEST_MISMATCH.exception(
					"the upstream sent a manifest whose content does not match its digest",
					Map.of("expected", expected, "actual", digest("sha256", body)));
		}
		return new CachedManifest(contentType, expected, body);
	}

	private static boolean isManifestType(String type) {
		return type.equals("application/json") || type.endsWith("+json") || type.equals(SCHEMA1_SIGNED);
	}

	private static void requireJsonObject(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest that is not valid JSON",
					ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw OciError.UPSTREAM_INVALID.exception("the upstream sent a manifest that is not a JSON object");
		}
	}

	private static String digest(String algorithm, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
			return algorithm + ":" + HexFormat.of().formatHex(digest.digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256 and SHA-512", ex);
		}
	}

}
