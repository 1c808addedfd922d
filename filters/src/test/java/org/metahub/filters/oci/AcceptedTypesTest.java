package org.metahub.filters.oci;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedTypesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NONE", value = {
			"NONE | application/vnd.docker.distribution.manifest.v2+json | true",
			"NONE | application/vnd.oci.image.manifest.v1+json | true",
			"NONE | application/vnd.oci.image.index.v1+json | false",
			"NONE | application/vnd.docker.distribution.manifest.list.v2+json | false",
			"application/vnd.oci.image.manifest.v1+json | application/vnd.oci.image.manifest.v1+json | true",
			"application/vnd.oci.image.manifest.v1+json | application/vnd.docker.distribution.manifest.v2+json | false",
			"'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json' | application/vnd.oci.image.index.v1+json | true",
			"*/* | application/vnd.oci.image.index.v1+json | true",
			"application/* | application/vnd.oci.image.index.v1+json | true",
			"text/* | application/vnd.oci.image.index.v1+json | false",
			"'application/vnd.oci.image.index.v1+json; q=0, */*' | application/vnd.oci.image.index.v1+json | false",
			"'application/vnd.oci.image.index.v1+json; q=0, */*' | application/vnd.oci.image.manifest.v1+json | true",
			"application/vnd.oci.image.index.v1+json; q=0 | application/vnd.oci.image.index.v1+json | false",
			"APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON;q=0.5 | application/vnd.oci.image.index.v1+json; charset=utf-8 | true" })
	void acceptsWhatTheHeaderNames(String accept, String contentType, boolean accepted) {
		assertThat(AcceptedTypes.of(accept).accepts(contentType)).isEqualTo(accepted);
	}

}
