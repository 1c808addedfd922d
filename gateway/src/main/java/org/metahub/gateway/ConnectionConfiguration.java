package org.metahub.gateway;

import io.netty.channel.ChannelPipeline;
import org.metahub.filters.connection.ClientCloseHandler;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the gateway's HTTP server does with the client connections it keeps. */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	/** A client's {@code Connection: close} ends the connection after its own answer, not an earlier one. */
	@Bean
	NettyServerCustomizer clientCloseAfterItsAnswer() {
		return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
				pipeline.addBefore(NettyPipeline.HttpTrafficHandler, ClientCloseHandler.NAME, new ClientCloseHandler());
			}
		});
	}

}
