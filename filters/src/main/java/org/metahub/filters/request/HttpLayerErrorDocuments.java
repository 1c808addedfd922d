package org.metahub.filters.request;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.filters.connection.TlsOnPlainPort;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciErrorWriter;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.oci.RegistryHeaders;

import org.springframework.http.MediaType;

/**
 * A Netty handler, one per server connection right after the HTTP codec, that gives the answers the HTTP
 * layer writes itself the OCI error document: Reactor Netty's 400, 414 and 431 for a request it could not
 * decode (request line or headers too long, malformed request line, broken chunked framing), and Spring's
 * 400 for a request target that is no valid URI. Those leave without a body or content type; any bodiless
 * 400, 414 or 431 gets one; a connection that began with a TLS handshake ({@link TlsOnPlainPort}) is told
 * that the port speaks plain HTTP. Each decoding failure is logged here as one DEBUG line: a client's
 * malformed bytes are nothing an operator can act on.
 */
public class HttpLayerErrorDocuments extends ChannelDuplexHandler {

	private static final Log logger = LogFactory.getLog(HttpLayerErrorDocuments.class);

	private static final int MAX_DETAIL_LENGTH = 200;

	private static final OciException TLS_ON_PLAIN_PORT = OciError.BAD_REQUEST
		.exception("this port speaks plain HTTP, not TLS: use http:// (podman and skopeo: --tls-verify=false)");

	private Throwable decodingFailure;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
			decodingFailure = http.decoderResult().cause();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof FullHttpResponse response && isBare(response)) {
			OciException error = error(response.status());
			if (error != null) {
				boolean tls = TlsOnPlainPort.seenOn(ctx.channel());
				if (decodingFailure != null && logger.isDebugEnabled()) {
					logger.debug("Refused " + (tls ? "a TLS handshake" : "a request that could not be decoded") + " from "
							+ ctx.channel().remoteAddress() + ": " + response.status().code() + " ("
							+ shortened(decodingFailure.getMessage()) + ")");
				}
				ctx.write(withDocument(response, tls ? TLS_ON_PLAIN_PORT : error), promise);
				return;
			}
		}
		ctx.write(msg, promise);
	}

	private static boolean isBare(FullHttpResponse response) {
		return !response.content().isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
	}

	private OciException error(HttpResponseStatus status) {
		String detail = decodingFailure == null ? null : shortened(decodingFailure.getMessage());
		return switch (status.code()) {
			case 414 -> OciError.REQUEST_LINE_TOO_LONG.exception("the request line is longer than the gateway reads", detail);
			case 431 -> OciError.HEADERS_TOO_LARGE.exception("the request headers are larger than the gateway reads", detail);
			case 400 -> decodingFailure == null
					? OciError.BAD_REQUEST.exception("the request target is no valid URI: check its percent-encoding")
					: OciError.BAD_REQUEST.exception("malformed HTTP request", detail);
			default -> null;
		};
	}

	// at most 200 characters, control characters (which Netty may quote from the request) as '?'
	private static String shortened(String message) {
		if (message == null) {
			return null;
		}
		String cut = message.length() <= MAX_DETAIL_LENGTH ? message : message.substring(0, MAX_DETAIL_LENGTH) + "...";
		StringBuilder printable = new StringBuilder(cut.length());
		cut.chars().forEach(c -> printable.append(Character.isISOControl(c) ? '?' : (char) c));
		return printable.toString();
	}

	private static FullHttpResponse withDocument(FullHttpResponse response, OciException error) {
		byte[] body = OciErrorWriter.body(error);
		FullHttpResponse documented = response.replace(Unpooled.wrappedBuffer(body));
		response.release();
		HttpHeaders headers = documented.headers();
		headers.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
		headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		headers.set(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
		return documented;
	}

}
