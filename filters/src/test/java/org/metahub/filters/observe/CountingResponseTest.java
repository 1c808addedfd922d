package org.metahub.filters.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ZeroCopyHttpOutputMessage;
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

	@Test
	void passesAFileToTheServersZeroCopyTransferAndCountsItOnceSent(@TempDir Path folder) throws IOException {
		Path file = Files.writeString(folder.resolve("blob"), "0123456789");
		ZeroCopyClient client = new ZeroCopyClient();
		CountingResponse response = new CountingResponse(client);

		StepVerifier.create(response.writeWith(file, 2, 5)).verifyComplete();

		assertThat(client.sent).containsExactly(file + "@2+5");
		assertThat(response.bytesSent()).isEqualTo(5);
	}

	@Test
	void readsTheFilesRangeWhenTheServerCannotSendFiles(@TempDir Path folder) throws IOException {
		Path file = Files.writeString(folder.resolve("blob"), "0123456789");
		MockServerHttpResponse client = new MockServerHttpResponse();
		CountingResponse response = new CountingResponse(client);

		StepVerifier.create(response.writeWith(file, 2, 5)).verifyComplete();

		assertThat(client.getBodyAsString().block()).isEqualTo("23456");
		assertThat(response.bytesSent()).isEqualTo(5);
	}

	/** A server response that sends files itself, recording what it was asked to send. */
	private static final class ZeroCopyClient extends MockServerHttpResponse implements ZeroCopyHttpOutputMessage {

		private final List<String> sent = new ArrayList<>();

		@Override
		public Mono<Void> writeWith(Path file, long position, long count) {
			sent.add(file + "@" + position + "+" + count);
			return Mono.empty();
		}

	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
