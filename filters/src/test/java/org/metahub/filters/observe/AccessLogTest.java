package org.metahub.filters.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {

	@Test
	void formatsOneLineOfKeyValuePairs() {
		CompletedRequest request = new CompletedRequest("GET", "/v2/app/manifests/latest", "manifest", 200, 512,
				7_400_000, "qnib-type1", "app", "sha256:abc", false);

		assertThat(AccessLog.format(request)).isEqualTo("method=GET path=/v2/app/manifests/latest status=200 bytes=512"
				+ " duration_ms=7 kind=manifest machine_type=qnib-type1 digest=sha256:abc");
	}

	@Test
	void quotesValuesWithSpacesOrLineBreaksAndMarksAbortedRequests() {
		CompletedRequest request = new CompletedRequest("GET", "/v2/_catalog?n=5", "catalog", 200, 0, 0,
				"gpu node\nforged=1", null, null, true);

		assertThat(AccessLog.format(request)).isEqualTo("method=GET path=/v2/_catalog?n=5 status=200 bytes=0"
				+ " duration_ms=0 kind=catalog machine_type=\"gpu node\\nforged=1\" digest=- aborted=true");
	}

	@Test
	void escapesControlCharacters() {
		CompletedRequest request = new CompletedRequest("GET", "/v2/app/tags/list?last=\u001b[2J\b\u0000", "tags", 200, 0,
				0, "anonymous", null, null, false);

		assertThat(AccessLog.format(request)).startsWith("method=GET path=\"/v2/app/tags/list?last=\\u001b[2J\\u0008\\u0000\" ");
	}

}
