package org.metahub.filters.connection;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCloseHandlerTest {

	private final EmbeddedChannel channel = new EmbeddedChannel(new ClientCloseHandler());

	@Test
	void aPipelinedCloseRequestIsHandedOnAsKeepAliveAndItsOwnAnswerCloses() {
		channel.writeInbound(request(HttpVersion.HTTP_1_1, null), request(HttpVersion.HTTP_1_1, "close"));

		HttpRequest first = channel.readInbound();
		HttpRequest second = channel.readInbound();
		assertThat(HttpUtil.isKeepAlive(first)).isTrue();
		assertThat(HttpUtil.isKeepAlive(second)).isTrue();

		HttpResponse firstAnswer = answer();
		assertThat(firstAnswer.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
		assertThat(channel.isOpen()).isTrue();

		HttpResponse secondAnswer = answer();
		assertThat(secondAnswer.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void anHttp10RequestWithoutKeepAliveClosesAfterItsAnswer() {
		channel.writeInbound(request(HttpVersion.HTTP_1_1, null), request(HttpVersion.HTTP_1_0, null));
		channel.readInbound();
		HttpRequest second = channel.readInbound();
		assertThat(HttpUtil.isKeepAlive(second)).isTrue();

		answer();
		assertThat(channel.isOpen()).isTrue();
		answer();
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void requestsAfterTheClosingOneAreNotHandedOn() {
		FullHttpRequest after = request(HttpVersion.HTTP_1_1, null);
		channel.writeInbound(request(HttpVersion.HTTP_1_1, "close"), after);

		assertThat((Object) channel.readInbound()).isInstanceOf(HttpRequest.class);
		assertThat((Object) channel.readInbound()).isNull();
		assertThat(after.refCnt()).isZero();
	}

	@Test
	void anInformationalAnswerIsNotTheClosingOne() {
		channel.writeInbound(request(HttpVersion.HTTP_1_1, "close"));
		channel.readInbound();

		channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
		assertThat(channel.isOpen()).isTrue();
		answer();
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void keptAliveConnectionsStayOpen() {
		for (int i = 0; i < 3; i++) {
			channel.writeInbound(request(HttpVersion.HTTP_1_1, "keep-alive"));
			channel.readInbound();
			answer();
		}
		assertThat(channel.isOpen()).isTrue();
	}

	private HttpResponse answer() {
		HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
		channel.writeOutbound(response, LastHttpContent.EMPTY_LAST_CONTENT);
		channel.outboundMessages().clear();
		return response;
	}

	private static FullHttpRequest request(HttpVersion version, String connection) {
		FullHttpRequest request = new DefaultFullHttpRequest(version, HttpMethod.GET, "/v2/");
		if (connection != null) {
			request.headers().set(HttpHeaderNames.CONNECTION, connection);
		}
		return request;
	}

}
