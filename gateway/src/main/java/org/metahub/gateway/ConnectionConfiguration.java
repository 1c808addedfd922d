package org.metahub.gateway;

import io.netty.channel.ChannelPipeline;
import org.metahub.config.TimeoutProperties;
import org.metahub.filters.connection.ClientCloseHandler;
import org.metahub.filters.connection.TlsOnPlainPort;
import org.metahub.filters.request.HttpLayerErrorDocuments;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the gateway's HTTP server does with its client connections: the handlers it adds around Reactor Netty's
 * HTTP codec, in pipeline order, and the server's read timeout for request bodies. A pipeline without the HTTP/1.1
 * codec at set-up (HTTP/2 over TLS) is left as it is.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	static final String ERROR_DOCUMENTS = "metahub.httpLayerErrorDocuments";

	/**
	 * Before the codec, a look at the first byte for a TLS handshake; after it, the OCI document for the HTTP
	 * layer's own errors; before Reactor Netty's handler, a client's
	 * {@code Connection: close} applied after its own answer, not an earlier one.
	 */
	@Bean
	NettyServerCustomizer connectionHandlers() {
		return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(NettyPipeline.HttpTrafficHandler) == null) {
				return;
			}
			pipeline.addBefore(NettyPipeline.HttpCodec, TlsOnPlainPort.NAME, new TlsOnPlainPort());
			pipeline.addAfter(NettyPipeline.HttpCodec, ERROR_DOCUMENTS, new HttpLayerErrorDocuments());
			pipeline.addBefore(NettyPipeline.HttpTrafficHandler, ClientCloseHandler.NAME, new ClientCloseHandler());
		});
	}

	/** A request body that stops arriving: Reactor Netty's read timeout, which never runs while an answer is written. */
	@Bean
	NettyServerCustomizer requestBodyIdleTimeout(TimeoutProperties timeouts) {
		return server -> server.readTimeout(timeouts.requestBodyIdle());
	}

}
