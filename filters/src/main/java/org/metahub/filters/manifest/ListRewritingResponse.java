package org.metahub.filters.manifest;

import java.util.LinkedHashSet;
import java.util.Set;

import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.ContentHeaders;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * The response of a manifest request by tag: a 200 list is buffered up to a cap, rewritten for the
 * machine, stored under its new digest and written with headers that describe it. Anything else
 * streams through untouched.
 */
final class ListRewritingResponse extends ServerHttpResponseDecorator {

	private final ServerWebExchange exchange;

	private final String name;

	private final MachineType machineType;

	private final IndexRewriter rewriter;

	private final ManifestStore store;

	private final int maxBytes;

	ListRewritingResponse(ServerWebExchange exchange, String name, MachineType machineType, IndexRewriter rewriter,
			ManifestStore store, int maxBytes) {
		super(exchange.getResponse());
		this.exchange = exchange;
		this.name = name;
		this.machineType = machineType;
		this.rewriter = rewriter;
		this.store = store;
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		if (!isList()) {
			return super.writeWith(body);
		}
		return DataBufferUtils.join(body, maxBytes)
			.onErrorMap(DataBufferLimitException.class, ex -> OciError.MANIFEST_TOO_LARGE
				.exception("the upstream manifest list is larger than the gateway accepts", "max " + maxBytes + " bytes"))
			.map(ListRewritingResponse::drain)
			.switchIfEmpty(Mono.error(() -> OciError.UPSTREAM_INVALID.exception("the upstream sent an empty manifest list")))
			.map(bytes -> rewriter.rewrite(bytes, getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), machineFeatures()))
			.flatMap(list -> store.save(name, list.digest(), StoredManifest.of(list)).then(Mono.defer(() -> serve(list))));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		if (!isList()) {
			return super.writeAndFlushWith(body);
		}
		return writeWith(Flux.from(body).concatMap(Flux::from));
	}

	private boolean isList() {
		return HttpStatus.OK.equals(getStatusCode())
				&& MediaTypes.isList(getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
	}

	// The caller may one day expand these through an implication graph; the matcher takes any set.
	private Set<String> machineFeatures() {
		return new LinkedHashSet<>(machineType.features());
	}

	private Mono<Void> serve(RewrittenList list) {
		ContentHeaders.describe(getHeaders(), list.bytes(), list.mediaType(), list.digest());
		exchange.getAttributes().put(ExchangeAttributes.SERVED_DIGEST, list.digest());
		return super.writeWith(Mono.just(bufferFactory().wrap(list.bytes())));
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
