package org.metahub.filters.session;

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
		for (String raw : requested) {
			for (String one : raw.trim().split(" ")) {
				if (!one.isBlank()) {
					grantOne(Scope.parse(one), granted);
				}
			}
		}
		return granted;
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
