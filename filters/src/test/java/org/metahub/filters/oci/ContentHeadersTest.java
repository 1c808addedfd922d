package org.metahub.filters.oci;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHeadersTest {

	private static final String DIGEST = "sha256:" + "a".repeat(64);

	@Test
	void describesTheBodySentAndDropsTheUpstreamsFraming() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
		headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
		headers.set(HttpHeaders.CONTENT_LENGTH, "9999");

		ContentHeaders.describe(headers, new byte[42], MediaTypes.OCI_INDEX, DIGEST);

		assertThat(headers.getContentLength()).isEqualTo(42);
		assertThat(headers.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaTypes.OCI_INDEX);
		assertThat(headers.getFirst(RegistryHeaders.CONTENT_DIGEST)).isEqualTo(DIGEST);
		assertThat(headers.getETag()).isEqualTo("\"" + DIGEST + "\"");
		assertThat(headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)).isFalse();
		assertThat(headers.containsHeader(HttpHeaders.CONTENT_ENCODING)).isFalse();
	}

	@Test
	void describesAFreshAnswer() {
		HttpHeaders headers = new HttpHeaders();

		ContentHeaders.describe(headers, new byte[7], MediaTypes.OCI_MANIFEST, DIGEST);

		assertThat(headers.headerNames()).containsExactlyInAnyOrder(HttpHeaders.CONTENT_LENGTH,
				HttpHeaders.CONTENT_TYPE, RegistryHeaders.CONTENT_DIGEST, HttpHeaders.ETAG);
	}

}
