package org.metahub.filters.virtualimage;

import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciException;

/**
 * The distribution grammar of names, tags and digests, checked by {@link DistributionPath#parse} on a
 * synthesized path so that specs accept exactly what requests accept.
 */
public final class DistributionGrammar {

	private DistributionGrammar() {
	}

	/** @throws IllegalArgumentException saying why the repository name is invalid */
	public static void checkName(String name) {
		check(name, "/v2/" + name + "/tags/list", "is not a valid repository name (lower-case components such as qnib/bench)");
	}

	/** @throws IllegalArgumentException saying why the tag is invalid */
	public static void checkTag(String tag) {
		if (tag.indexOf(':') >= 0 || tag.indexOf('/') >= 0) {
			throw invalid(tag, "is not a valid tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})");
		}
		check(tag, "/v2/x/manifests/" + tag, "is not a valid tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})");
	}

	/** @throws IllegalArgumentException saying why the digest is invalid */
	public static void checkDigest(String digest) {
		if (digest.indexOf('/') >= 0) {
			throw invalid(digest, "is not a valid digest (sha256:<64 lower-case hex digits>)");
		}
		check(digest, "/v2/x/blobs/" + digest, "is not a valid digest (sha256:<64 lower-case hex digits>)");
	}

	private static void check(String value, String path, String problem) {
		try {
			DistributionPath.parse(path);
		}
		catch (OciException ex) {
			throw invalid(value, problem);
		}
	}

	private static IllegalArgumentException invalid(String value, String problem) {
		return new IllegalArgumentException("'" + value + "' " + problem);
	}

}
