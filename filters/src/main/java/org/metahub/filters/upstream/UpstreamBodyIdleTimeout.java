package org.metahub.filters.upstream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import reactor.netty.http.client.HttpClient;

/**
 * Fails an upstream response whose body stops: when the gateway has asked for more bytes and none arrived
 * for the idle time, the response errors with a {@link TimeoutException} (a 504 when nothing was sent to the
 * client yet) and the connection is closed.
 * Time in which the gateway does not ask (its own client reads slowly) does not count, unlike Netty's
 * {@code ReadTimeoutHandler}. Added once the response headers arrived, so the wait for them stays the
 * response timeout's; Reactor Netty removes it when the response ends, before the connection is pooled.
 */
public final class UpstreamBodyIdleTimeout extends ChannelDuplexHandler {

	static final String HANDLER_NAME = "metahub.upstreamBodyIdleTimeout";

	private static final long NOT_WAITING = Long.MIN_VALUE;

	private final long idleNanos;

	/** When the gateway asked for bytes that have not arrived yet; confined to the event loop. */
	private long waitingSince = NOT_WAITING;

	private Future<?> check;

	UpstreamBodyIdleTimeout(Duration idle) {
		this.idleNanos = idle.toNanos();
	}

	/** The client with this timeout on every response body it reads. */
	public static HttpClient applyTo(HttpClient client, Duration idle) {
		return client.doOnResponse((response, connection) -> connection.addHandlerLast(HANDLER_NAME,
				new UpstreamBodyIdleTimeout(idle)));
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		// the headers just arrived and the body is what the gateway reads next
		startWaiting(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		if (check != null) {
			check.cancel(false);
			check = null;
		}
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		startWaiting(ctx);
		ctx.read();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		waitingSince = NOT_WAITING;
		ctx.fireChannelRead(msg);
	}

	private void startWaiting(ChannelHandlerContext ctx) {
		if (waitingSince == NOT_WAITING) {
			waitingSince = System.nanoTime();
			if (check == null) {
				schedule(ctx, idleNanos);
			}
		}
	}

	private void schedule(ChannelHandlerContext ctx, long delayNanos) {
		check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void check(ChannelHandlerContext ctx) {
		check = null;
		if (waitingSince == NOT_WAITING || !ctx.channel().isOpen()) {
			return;
		}
		long remaining = idleNanos - (System.nanoTime() - waitingSince);
		if (remaining > 0) {
			schedule(ctx, remaining);
			return;
		}
		ctx.fireExceptionCaught(new TimeoutException("the upstream sent no body bytes for "
				+ Duration.ofNanos(idleNanos).toMillis() + " ms"));
		ctx.close();
	}

}
