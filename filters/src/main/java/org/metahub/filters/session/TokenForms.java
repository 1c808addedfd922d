package org.metahub.filters.session;

import java.util.Map;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;

/**
 * Reads the form of {@code POST /token} with a cap of its own, so that a too-large form is the
 * client's 413, not the codecs' limit that the error handler reports as a too-large upstream manifest,
 * and a malformed %-escape is the client's 400. A body that is not a form reads as an empty form (and gets
 * 400 for its missing fields).
 */
public final class TokenForms {

	private static final ResolvableType FORM = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class,
			String.class);

	private final FormHttpMessageReader reader = new FormHttpMessageReader();

	private final long maxBytes;

	public TokenForms(DataSize maxSize) {
		this.maxBytes = maxSize.toBytes();
		reader.setMaxInMemorySize(Math.toIntExact(maxBytes));
	}

	public Mono<MultiValueMap<String, String>> read(ServerHttpRequest request) {
		MediaType type = request.getHeaders().getContentType();
		if (type == null || !reader.canRead(FORM, type)) {
			return Mono.just(new LinkedMultiValueMap<>());
		}
		if (request.getHeaders().getContentLength() > maxBytes) {
			return Mono.error(tooLarge());
		}
		return reader.readMono(FORM, request, Map.of())
			.onErrorMap(DataBufferLimitException.class, ex -> tooLarge())
			// URLDecoder's answer to a % not followed by two hex digits
			.onErrorMap(IllegalArgumentException.class, ex -> OciError.BAD_REQUEST
				.exception("malformed percent-encoding in the token form: % must be followed by two hex digits"));
	}

	private OciException tooLarge() {
		return OciError.TOKEN_REQUEST_TOO_LARGE
			.exception("the token request form is larger than the gateway accepts (" + maxBytes + " bytes)");
	}

}
