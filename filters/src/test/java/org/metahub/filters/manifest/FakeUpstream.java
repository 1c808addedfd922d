package org.metahub.filters.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The end of a filter chain that answers like the routing and write-response filters would: status
 * and headers first, then the body written into the (decorated) response in Netty buffers.
 */
final class FakeUpstream implements GatewayFilterChain {

	private static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));

	private final HttpStatus status;

	private final String contentType;

	private final byte[] body;

	private final int chunkSize;

	private final boolean flushEachChunk;

	final AtomicReference<ServerWebExchange> received = new AtomicReference<>();

	final List<ByteBuf> handedOut = new ArrayList<>();

	private FakeUpstream(HttpStatus status, String contentType, byte[] body, int chunkSize, boolean flushEachChunk) {
		this.status = status;
		this.contentType = contentType;
		this.body = body;
		this.chunkSize = chunkSize;
		this.flushEachChunk = flushEachChunk;
	}

	static FakeUpstream answering(HttpStatus status, String contentType, byte[] body) {
		return new FakeUpstream(status, contentType, body, 100, false);
	}

	FakeUpstream streaming() {
		return new FakeUpstream(status, contentType, body, chunkSize, true);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange) {
		received.set(exchange);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		headers.setContentLength(body.length);
		headers.set("Docker-Content-Digest", "sha256:upstream");
		headers.setETag("\"sha256:upstream\"");
		Flux<DataBuffer> chunks = Flux.range(0, (body.length + chunkSize - 1) / chunkSize).map(this::chunk);
		return flushEachChunk ? response.writeAndFlushWith(chunks.map(Flux::just)) : response.writeWith(chunks);
	}

	private DataBuffer chunk(int index) {
		int from = index * chunkSize;
		DataBuffer buffer = NETTY.allocateBuffer(chunkSize);
		buffer.write(body, from, Math.min(chunkSize, body.length - from));
		handedOut.add(NettyDataBufferFactory.toByteBuf(buffer));
		return buffer;
	}

}
