package org.metahub.filters.observe;

import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/** A response that counts the body bytes handed to the client connection, without copying or buffering them. */
public class CountingResponse extends ServerHttpResponseDecorator {

	private final AtomicLong bytesSent = new AtomicLong();

	public CountingResponse(ServerHttpResponse delegate) {
		super(delegate);
	}

	// A single buffer goes out as a Flux too: Reactor Netty 1.3 can stop reading a keep-alive connection when an
	// answer completes synchronously while the previous one is still finishing (reactor-netty#4361), and the
	// Flux path's scheduled flush keeps completion asynchronous (KeepAliveSequenceTest).
	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return super.writeWith(Flux.from(body).doOnNext(this::count));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part).doOnNext(this::count)));
	}

	/** Body bytes written so far. */
	public long bytesSent() {
		return bytesSent.get();
	}

	private void count(DataBuffer buffer) {
		bytesSent.addAndGet(buffer.readableByteCount());
	}

}
