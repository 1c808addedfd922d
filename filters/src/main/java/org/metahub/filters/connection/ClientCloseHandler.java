package org.metahub.filters.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Closes the connection after answering a request that asked for it ({@code Connection: close}, or HTTP/1.0
 * without keep-alive), so that the requests before it on the connection are still answered in order.
 * <p>
 * Reactor Netty 1.3 acts on the request's {@code Connection} header when it reads the request: a pipelined close
 * request made it close after the <em>first</em> pending answer, and one that arrived while the previous answer
 * was still finishing was never answered. This handler sits between the HTTP codec and Reactor Netty's traffic
 * handler, hands the request on as a keep-alive one, marks its answer {@code Connection: close} and closes once
 * that answer is written. Requests after it are not processed (RFC 9112, section 9.6).
 */
public final class ClientCloseHandler extends ChannelDuplexHandler {

	/** Its name in the channel pipeline. */
	public static final String NAME = "metahub.clientClose";

	private long requestsRead;

	private long answersWritten;

	/** The number of the request that asked to close, counted from 1; 0 while none did. */
	private long closingRequest;

	private boolean informationalAnswer;

	private boolean discardingContent;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			if (closingRequest != 0) {
				discardingContent = true;
				ReferenceCountUtil.release(msg);
				return;
			}
			requestsRead++;
			if (!HttpUtil.isKeepAlive(request)) {
				closingRequest = requestsRead;
				HttpUtil.setKeepAlive(request, true);
			}
		}
		else if (discardingContent && msg instanceof HttpContent) {
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response) {
			informationalAnswer = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
			if (!informationalAnswer && isClosingAnswer()) {
				HttpUtil.setKeepAlive(response, false);
			}
		}
		if (msg instanceof LastHttpContent && !informationalAnswer) {
			boolean closing = isClosingAnswer();
			answersWritten++;
			if (closing) {
				ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
				return;
			}
		}
		ctx.write(msg, promise);
	}

	private boolean isClosingAnswer() {
		return closingRequest != 0 && answersWritten + 1 == closingRequest;
	}

}
