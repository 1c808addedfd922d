package org.metahub.filters.session;

import java.util.Arrays;
import java.util.List;

import org.metahub.filters.oci.OciError;

/**
 * One scope of the token specification, {@code <type>:<name>:<action>[,<action>...]}; the name may
 * itself contain colons (a registry host with a port).
 *
 * @param type resource type, such as {@code repository} or {@code registry}
 * @param name resource name, such as a repository or {@code catalog}
 * @param actions the actions asked for, such as {@code pull} and {@code push}
 */
public record Scope(String type, String name, List<String> actions) {

	/** The only registry-level scope the gateway grants: listing the catalog. */
	public static final String CATALOG = "registry:catalog:*";

	public Scope {
		actions = List.copyOf(actions);
	}

	/**
	 * Parses a scope as clients send it.
	 * @throws org.metahub.filters.oci.OciException with status 400 when it lacks a type, name or action
	 */
	public static Scope parse(String scope) {
		int first = scope.indexOf(':');
		int last = scope.lastIndexOf(':');
		if (first <= 0 || last == first || last == scope.length() - 1 || first + 1 == last) {
			throw OciError.BAD_REQUEST.exception("malformed scope: expected <type>:<name>:<actions>", scope);
		}
		List<String> actions = Arrays.stream(scope.substring(last + 1).split(",")).map(String::trim)
			.filter(action -> !action.isEmpty())
			.toList();
		return new Scope(scope.substring(0, first), scope.substring(first + 1, last), actions);
	}

	/** The scope a pull from the repository needs. */
	public static String repositoryPull(String repository) {
		return "repository:" + repository + ":pull";
	}

}
