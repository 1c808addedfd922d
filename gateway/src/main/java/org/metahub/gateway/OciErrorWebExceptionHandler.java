package org.metahub.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.config.UpstreamProperties;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciErrorWriter;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.upstream.UnreachableUpstream;
import org.metahub.filters.upstream.UnreachableUpstreams;
import org.metahub.filters.upstream.UpstreamOutages;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every failure into an OCI error document: the gateway's own errors as raised, a client's malformed
 * input as 400, faults of the upstream or the session store as 5xx without internals, and anything
 * unexpected as a logged 500. A connection that was reset or aborted is logged as one line; a response
 * already under way ends with its connection closed, so the client sees it cut, never silently short.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OciErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(OciErrorWebExceptionHandler.class);

	private final UnreachableUpstreams unreachable;

	private final UpstreamOutages outages;

	OciErrorWebExceptionHandler(UnreachableUpstreams unreachable, UpstreamOutages outages) {
		this.unreachable = unreachable;
		this.outages = outages;
	}

	private final RepeatedFailures repeated = new RepeatedFailures();

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		ServerHttpRequest request = exchange.getRequest();
		String described = request.getMethod() + " " + request.getPath();
		Connection connection = connection(exchange);
		if (connection != null && !connection.channel().isActive()) {
			logger.info(described + ": the connection closed before the answer (" + failure + ")");
			return Mono.empty();
		}
		OciException error = toOciError(failure);
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		// a network failure on the way to the upstream; bytes that are not HTTP are its answer, logged per request
		boolean upstreamFault = upstream != null && isUpstreamFault(error) && UnreachableUpstream.isTransportFailure(failure)
				&& !NetworkFailures.isExpected(failure);
		if (upstreamFault) {
			// the client's error names the upstream and the cause; the log says it once per outage
			UnreachableUpstream reached = unreachable.of(upstream);
			error = reached.exception(failure);
			outages.failing(reached.address(), reached.describe(failure));
		}
		else if (NetworkFailures.isExpected(failure)) {
			logger.warn(described + ": a connection was reset or closed early (" + failure + ")");
		}
		else if (error.error() == OciError.INTERNAL) {
			logger.error("Unexpected failure on " + described, failure);
		}
		else if (error.error().status().is5xxServerError() && !(upstream != null && isUpstreamFault(error)
				&& outages.isFailing(UnreachableUpstream.address(upstream.url())))) {
			String line = described + ": " + error.getMessage() + " (" + failure + ")";
			if (repeated.firstOf(failureKind(exchange, error))) {
				logger.warn(line + "; more like it within " + RepeatedFailures.WINDOW.toMinutes() + " min at DEBUG");
			}
			else {
				logger.debug(line);
			}
		}
		if (connection != null && exchange.getResponse().isCommitted()) {
			connection.channel().close();
			return Mono.empty();
		}
		return OciErrorWriter.write(exchange.getResponse(), error);
	}

	private static boolean isUpstreamFault(OciException error) {
		return error.error() == OciError.UPSTREAM_UNAVAILABLE || error.error() == OciError.UPSTREAM_TIMEOUT;
	}

	// an outage fails every request to an upstream the same way, for each kind of request
	private static String failureKind(ServerWebExchange exchange, OciException error) {
		UpstreamProperties upstream = exchange.getAttribute(ExchangeAttributes.UPSTREAM);
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		return (upstream == null ? "-" : upstream.name()) + " " + (path == null ? "-" : path.kind()) + " "
				+ error.getMessage();
	}

	// the server connection under the response, or null for a response that is no Reactor Netty one (tests)
	private static Connection connection(ServerWebExchange exchange) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		return nativeResponse instanceof Connection connection ? connection : null;
	}

	static OciException toOciError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OciException oci) {
				return oci;
			}
			if (cause instanceof DataBufferLimitException) {
				return OciError.MANIFEST_TOO_LARGE.exception("the upstream manifest is larger than the gateway accepts");
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof ConnectTimeoutException || cause instanceof PrematureCloseException) {
				return OciError.UPSTREAM_UNAVAILABLE.exception("the upstream registry cannot be reached");
			}
			if (cause instanceof ReadTimeoutException) { // the server's own: a request body that stopped arriving
				return OciError.REQUEST_TIMEOUT.exception("the request body stopped arriving");
			}
			if (cause instanceof TooLongFrameException) {
				return OciError.UPSTREAM_UNAVAILABLE.exception("the upstream registry answered headers larger than the gateway reads");
			}
			if (cause instanceof DecoderException) {
				return OciError.UPSTREAM_UNAVAILABLE.exception("the upstream registry answered something that is not HTTP");
			}
			if (cause instanceof IOException) {
				return OciError.UPSTREAM_UNAVAILABLE.exception("the connection to the upstream registry failed");
			}
			if (cause instanceof TimeoutException) {
				return OciError.UPSTREAM_TIMEOUT.exception("the upstream registry did not answer in time");
			}
			if (cause instanceof DataAccessException) {
				return OciError.SESSIONS_UNAVAILABLE.exception("the session store cannot be reached");
			}
			if (cause instanceof ResponseStatusException status) {
				return fromStatus(status.getStatusCode());
			}
		}
		return OciError.INTERNAL.exception("internal error");
	}

	private static OciException fromStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> OciError.ENDPOINT_UNKNOWN.exception("not a distribution API endpoint");
			case 405 -> OciError.UNSUPPORTED.exception("method not supported");
			case 413 -> OciError.MANIFEST_TOO_LARGE.exception("the upstream manifest is larger than the gateway accepts");
			case 415, 400 -> OciError.BAD_REQUEST.exception("bad request");
			case 502, 503 -> OciError.UPSTREAM_UNAVAILABLE.exception("the upstream registry cannot be reached");
			case 504 -> OciError.UPSTREAM_TIMEOUT.exception("the upstream registry did not answer in time");
			default -> OciError.INTERNAL.exception("internal error");
		};
	}

}
