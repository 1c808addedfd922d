package org.metahub.filters.upstream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.oci.DistributionPath;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamNamesTest {

	@ParameterizedTest
	@CsvSource({ "true, /v2/alpine/manifests/3, /v2/library/alpine/manifests/3",
			"true, /v2/library/alpine/manifests/3, /v2/library/alpine/manifests/3",
			"true, /v2/team/app/tags/list, /v2/team/app/tags/list",
			"true, /v2/_catalog, /v2/_catalog",
			"false, /v2/alpine/manifests/3, /v2/alpine/manifests/3" })
	void dockerHubImpliesLibraryForOneComponentNames(boolean dockerHub, String path, String upstreamPath) {
		assertThat(new UpstreamNames(dockerHub).upstreamPath(DistributionPath.parse(path)).toPath())
			.isEqualTo(upstreamPath);
	}

}
