package org.metahub.filters.oci;

import java.util.regex.Pattern;

/**
 * A parsed {@code /v2/...} request path: what it addresses, in which repository, by which reference.
 *
 * @param kind what the path addresses
 * @param name repository name, or {@code null} for the base and catalog endpoints
 * @param reference tag or digest for manifests, digest for blobs and referrers, otherwise {@code null}
 */
public record DistributionPath(Kind kind, String name, String reference) {

	/** What a path addresses. */
	public enum Kind {
		BASE, CATALOG, MANIFEST, BLOB, TAGS, REFERRERS
	}

	private static final String PREFIX = "/v2/";

	private static final int MAX_NAME_LENGTH = 255;

	private static final Pattern NAME = Pattern
		.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

	private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

	private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

	private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

	private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

	/**
	 * Parses a raw request path.
	 * @throws OciException for a path that is no distribution endpoint, or whose name or reference is malformed
	 */
	public static DistributionPath parse(String path) {
		if (path.equals("/v2") || path.equals(PREFIX)) {
			return new DistributionPath(Kind.BASE, null, null);
		}
		if (!path.startsWith(PREFIX)) {
			throw unknownEndpoint(path);
		}
		String rest = path.substring(PREFIX.length());
		if (rest.equals("_catalog")) {
			return new DistributionPath(Kind.CATALOG, null, null);
		}
		if (rest.endsWith("/tags/list")) {
			return new DistributionPath(Kind.TAGS, name(rest.substring(0, rest.length() - "/tags/list".length())), null);
		}
		int lastSlash = rest.lastIndexOf('/');
		int kindSlash = lastSlash <= 0 ? -1 : rest.lastIndexOf('/', lastSlash - 1);
		if (kindSlash <= 0) {
			throw unknownEndpoint(path);
		}
		String kindSegment = rest.substring(kindSlash + 1, lastSlash);
		String reference = rest.substring(lastSlash + 1);
		String name = rest.substring(0, kindSlash);
		return switch (kindSegment) {
			case "manifests" -> new DistributionPath(Kind.MANIFEST, name(name), manifestReference(reference));
			case "blobs" -> new DistributionPath(Kind.BLOB, name(name), digest(reference));
			case "referrers" -> new DistributionPath(Kind.REFERRERS, name(name), digest(reference));
			default -> throw unknownEndpoint(path);
		};
	}

	/** Whether the reference is a digest rather than a tag. */
	public boolean byDigest() {
		return reference != null && reference.indexOf(':') > 0;
	}

	/** The same path with another repository name, for example with {@code library/} added. */
	public String toPath() {
		return switch (kind) {
			case BASE -> PREFIX;
			case CATALOG -> PREFIX + "_catalog";
			case TAGS -> PREFIX + name + "/tags/list";
			case MANIFEST -> PREFIX + name + "/manifests/" + reference;
			case BLOB -> PREFIX + name + "/blobs/" + reference;
			case REFERRERS -> PREFIX + name + "/referrers/" + reference;
		};
	}

	public DistributionPath withName(String newName) {
		return new DistributionPath(kind, newName, reference);
	}

	private static String name(String candidate) {
		if (candidate.isEmpty() || candidate.length() > MAX_NAME_LENGTH || !NAME.matcher(candidate).matches()) {
			throw OciError.NAME_INVALID.exception("invalid repository name", candidate);
		}
		return candidate;
	}

	private static String manifestReference(String reference) {
		if (reference.indexOf(':') >= 0) {
			return digest(reference);
		}
		if (!TAG.matcher(reference).matches()) {
			throw OciError.TAG_INVALID.exception("invalid tag: a tag matches [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}", reference);
		}
		return reference;
	}

	private static String digest(String reference) {
		if (!DIGEST.matcher(reference).matches()) {
			throw OciError.DIGEST_INVALID.exception("invalid digest", reference);
		}
		int colon = reference.indexOf(':');
		String algorithm = reference.substring(0, colon);
		String hex = reference.substring(colon + 1);
		boolean valid = switch (algorithm) {
			case "sha256" -> SHA256_HEX.matcher(hex).matches();
			case "sha512" -> SHA512_HEX.matcher(hex).matches();
			default -> false;
		};
		if (!valid) {
			throw OciError.DIGEST_INVALID.exception("unsupported or malformed digest: expected sha256 or sha512 in lower-case hex", reference);
		}
		return reference;
	}

	private static OciException unknownEndpoint(String path) {
		return OciError.ENDPOINT_UNKNOWN.exception("not a distribution API endpoint", path);
	}

}
