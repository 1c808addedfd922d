package org.metahub.gateway;

import org.metahub.filters.request.HttpLayerErrorDocuments;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/** Puts {@link HttpLayerErrorDocuments} right after the HTTP codec of every server connection. */
@Component
class HttpLayerErrorCustomizer implements NettyServerCustomizer {

	static final String HANDLER_NAME = "metahub.httpLayerErrorDocuments";

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new HttpLayerErrorDocuments());
			}
		});
	}

}
