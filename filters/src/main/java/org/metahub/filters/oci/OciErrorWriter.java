package org.metahub.filters.oci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/** The one writer of the OCI error document {@code {"errors":[{"code","message","detail"}]}}. */
public final class OciErrorWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OciErrorWriter() {
	}

	/** The error document's bytes. */
	public static byte[] body(OciException exception) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", exception.error().code());
		error.put("message", exception.getMessage());
		error.put("detail", exception.detail());
		return JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
	}

	/** Writes the error as the response, unless the response has already been committed. */
	public static Mono<Void> write(ServerHttpResponse response, OciException exception) {
		if (response.isCommitted()) {
			return Mono.error(exception);
		}
		byte[] bytes = body(exception);
		response.setStatusCode(exception.error().status());
		HttpHeaders headers = response.getHeaders();
		headers.clear();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(bytes.length);
		headers.set(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
		exception.headers().forEach(headers::set);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
