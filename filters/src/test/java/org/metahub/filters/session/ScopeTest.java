package org.metahub.filters.session;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"repository:library/alpine:pull|repository|library/alpine|pull",
			"repository:library/alpine:pull,push|repository|library/alpine|pull,push",
			"repository:localhost:5000/app:pull|repository|localhost:5000/app|pull",
			"registry:catalog:*|registry|catalog|*" })
	void parsesTypeNameAndActions(String raw, String type, String name, String actions) {
		Scope scope = Scope.parse(raw);
		assertThat(scope.type()).isEqualTo(type);
		assertThat(scope.name()).isEqualTo(name);
		assertThat(scope.actions()).isEqualTo(List.of(actions.split(",")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "repository", "repository:alpine", ":alpine:pull", "repository::pull", "repository:alpine:" })
	void refusesMalformedScopesWithBadRequest(String raw) {
		assertThatThrownBy(() -> Scope.parse(raw)).isInstanceOfSatisfying(OciException.class,
				ex -> assertThat(ex.error()).isEqualTo(OciError.BAD_REQUEST));
	}

}
