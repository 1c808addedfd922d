package org.metahub.filters.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopePolicyTest {

	@Test
	void grantsOnlyPullsAndTheCatalog() {
		assertThat(ScopePolicy.grant(List.of("repository:a/b:pull,push", "repository:c:push", "repository:d:*",
				"registry:catalog:*", "repository(plugin):e:pull", "registry:other:*")))
			.containsExactly("repository:a/b:pull", "repository:d:pull", "registry:catalog:*");
	}

	@Test
	void acceptsSeveralScopesInOneParameterSeparatedBySpaces() {
		assertThat(ScopePolicy.grant(List.of("repository:a:pull repository:b:pull")))
			.containsExactly("repository:a:pull", "repository:b:pull");
	}

	@Test
	void grantsNothingWhenNothingIsAsked() {
		assertThat(ScopePolicy.grant(List.of())).isEmpty();
	}

}
