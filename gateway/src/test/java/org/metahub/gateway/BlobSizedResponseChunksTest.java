package org.metahub.gateway;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpResponseDecoderSpec;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The upstream client decodes response bodies in 64 KiB pieces and keeps the configured size limits. */
class BlobSizedResponseChunksTest {

	@Test
	void bodiesArriveInPiecesOfUpTo64KiB() {
		HttpResponseDecoderSpec decoder = customize(new HttpClientProperties());

		assertThat(decoder.maxChunkSize()).isEqualTo(64 * 1024);
		assertThat(decoder.maxHeaderSize()).isEqualTo(HttpResponseDecoderSpec.DEFAULT_MAX_HEADER_SIZE);
		assertThat(decoder.maxInitialLineLength()).isEqualTo(HttpResponseDecoderSpec.DEFAULT_MAX_INITIAL_LINE_LENGTH);
	}

	@Test
	void theGatewaysHeaderAndStatusLineLimitsStay() {
		HttpClientProperties properties = new HttpClientProperties();
		properties.setMaxHeaderSize(DataSize.ofKilobytes(32));
		properties.setMaxInitialLineLength(DataSize.ofKilobytes(16));

		HttpResponseDecoderSpec decoder = customize(properties);

		assertThat(decoder.maxChunkSize()).isEqualTo(64 * 1024);
		assertThat(decoder.maxHeaderSize()).isEqualTo(32 * 1024);
		assertThat(decoder.maxInitialLineLength()).isEqualTo(16 * 1024);
	}

	private static HttpResponseDecoderSpec customize(HttpClientProperties properties) {
		return new UpstreamConfiguration().blobSizedResponseChunks(properties)
			.customize(HttpClient.create())
			.configuration()
			.decoder();
	}

}
