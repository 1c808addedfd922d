package org.metahub.filters.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Decides which requested scopes a session gets: pulls of repositories and the catalog, nothing else. */
public final class ScopePolicy {

	private ScopePolicy() {
	}

	/**
	 * The granted scopes, normalised; push and other actions are dropped silently, as the token
	 * specification lets a server grant less than asked for.
	 */
	public static Set<String> grant(List<String> requested) {
		Set<String> granted = new LinkedHashSet<>();
		for (String one : split(requested)) {
			grantOne(Scope.parse(one), granted);
		}
		return granted;
	}

	/** The scopes one by one: a parameter may hold several, separated by spaces. */
	public static List<String> split(List<String> requested) {
		List<String> scopes = new ArrayList<>();
		for (String raw : requested) {
			for (String one : raw.trim().split(" ")) {
				if (!one.isBlank()) {
					scopes.add(one);
				}
			}
		}
		return scopes;
	}

	private static void grantOne(Scope scope, Set<String> granted) {
		if (scope.type().equals("repository") && (scope.actions().contains("pull") || scope.actions().contains("*"))) {
			granted.add(Scope.repositoryPull(scope.name()));
		}
		else if (scope.type().equals("registry") && scope.name().equals("catalog") && scope.actions().contains("*")) {
			granted.add(Scope.CATALOG);
		}
	}

}
