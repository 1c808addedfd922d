package org.metahub.filters.observe;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CountingResponseTest {

	@Test
	void countsEveryBufferPassingToTheClientAndForwardsItUnchanged() {
		MockServerHttpResponse client = new MockServerHttpResponse();
		CountingResponse response = new CountingResponse(client);

		StepVerifier.create(response.writeWith(Flux.just(buffer("hello "), buffer("world")))).verifyComplete();

		assertThat(response.bytesSent()).isEqualTo(11);
		assertThat(client.getBodyAsString().block()).isEqualTo("hello world");
	}

	@Test
	void countsFlushedParts() {
		CountingResponse response = new CountingResponse(new MockServerHttpResponse());

		StepVerifier.create(response.writeAndFlushWith(Flux.just(Flux.just(buffer("ab")), Flux.just(buffer("cde")))))
			.verifyComplete();

		assertThat(response.bytesSent()).isEqualTo(5);
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
