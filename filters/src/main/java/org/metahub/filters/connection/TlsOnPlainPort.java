package org.metahub.filters.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * A Netty handler before the HTTP codec that looks at a connection's first byte once: 0x16 starts a TLS handshake
 * record (podman and skopeo try HTTPS first, also on a plain-HTTP port), which no HTTP request does. It marks the
 * connection, so that the codec's decoding failure is answered with what happened, then leaves the pipeline.
 */
public final class TlsOnPlainPort extends ChannelInboundHandlerAdapter {

	public static final String NAME = "metahub.tlsOnPlainPort";

	private static final AttributeKey<Boolean> SEEN = AttributeKey.valueOf(NAME);

	private static final byte TLS_HANDSHAKE_RECORD = 0x16;

	/** Whether the connection began with a TLS handshake record. */
	public static boolean seenOn(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(SEEN).get());
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
			if (bytes.getByte(bytes.readerIndex()) == TLS_HANDSHAKE_RECORD) {
				ctx.channel().attr(SEEN).set(true);
			}
			ctx.pipeline().remove(this);
		}
		ctx.fireChannelRead(msg);
	}

}
