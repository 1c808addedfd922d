package org.metahub.filters.virtualimage;

import java.util.regex.Pattern;

/**
 * A component image as a spec names it: {@code [host/]name[:tag|@digest]}. The first path component is
 * a registry host when it contains a dot or a colon or is {@code localhost} (docker's rule).
 *
 * @param host registry host as written, such as {@code ghcr.io} or {@code localhost:5000}, or {@code null} for the default upstream
 * @param repository repository name within that registry, such as {@code qnib/bench}
 * @param tag the tag, or {@code null} when the reference is by digest
 * @param digest the digest, or {@code null} when the reference is by tag
 */
public record ComponentReference(String host, String repository, String tag, String digest) {

	private static final String DEFAULT_TAG = "latest";

	private static final Pattern HOST = Pattern
		.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+])(?::[0-9]{1,5})?");

	public ComponentReference {
		if ((tag == null) == (digest == null)) {
			throw new IllegalArgumentException("a component reference has either a tag or a digest");
		}
	}

	/**
	 * Parses a reference; without tag or digest the tag is {@code latest}.
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	public static ComponentReference parse(String reference) {
		if (reference == null || reference.isBlank()) {
			throw new IllegalArgumentException("is empty");
		}
		if (!reference.strip().equals(reference)) {
			throw new IllegalArgumentException("'" + reference + "' has leading or trailing white space");
		}
		String rest = reference;
		String digest = null;
		int at = rest.indexOf('@');
		if (at >= 0) {
			digest = rest.substring(at + 1);
			rest = rest.substring(0, at);
			DistributionGrammar.checkDigest(digest);
		}
		String host = null;
		int slash = rest.indexOf('/');
		if (slash > 0) {
			String first = rest.substring(0, slash);
			if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
				if (!HOST.matcher(first).matches()) {
					throw new IllegalArgumentException("'" + first + "' is not a valid registry host");
				}
				host = first;
				rest = rest.substring(slash + 1);
			}
		}
		String tag = null;
		int colon = rest.lastIndexOf(':');
		if (colon >= 0) {
			if (digest != null) {
				throw new IllegalArgumentException("'" + reference + "' has both a tag and a digest; give one");
			}
			tag = rest.substring(colon + 1);
			rest = rest.substring(0, colon);
			DistributionGrammar.checkTag(tag);
		}
		DistributionGrammar.checkName(rest);
		return new ComponentReference(host, rest, digest == null && tag == null ? DEFAULT_TAG : tag, digest);
	}

	/** The tag or the digest: what to ask the component's registry for. */
	public String reference() {
		return digest != null ? digest : tag;
	}

	public boolean byDigest() {
		return digest != null;
	}

	/** Where the component's manifests and blobs live. */
	public ComponentLocation location() {
		return new ComponentLocation(host, repository);
	}

	/** The canonical form: {@code [host/]repository:tag} or {@code [host/]repository@digest}. */
	@Override
	public String toString() {
		return (host == null ? "" : host + "/") + repository + (digest != null ? "@" + digest : ":" + tag);
	}

}
