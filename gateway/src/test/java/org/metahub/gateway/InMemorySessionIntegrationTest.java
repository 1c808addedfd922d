package org.metahub.gateway;

import org.junit.jupiter.api.Test;
import org.metahub.filters.session.InMemorySessionStore;
import org.metahub.filters.session.SessionStore;
import org.metahub.filters.upstream.UpstreamUrlFilter;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.filter.ForwardPathFilter;
import org.springframework.cloud.gateway.filter.ForwardRoutingFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RemoveCachedBodyFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskExecutor;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.web.reactive.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** Without Redis: sessions in memory, no Redis client at all, and health stays UP. */
class InMemorySessionIntegrationTest extends AuthenticationIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Test
	void usesTheInMemoryStoreAndNoRedisClient() {
		assertThat(context.getBean(SessionStore.class)).isInstanceOf(InMemorySessionStore.class);
		assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
	}

	@Test
	void theUpstreamClientDecodesBodiesInBlobSizedPieces() {
		assertThat(context.getBean(HttpClient.class).configuration().decoder().maxChunkSize())
			.isEqualTo(64 * 1024);
	}

	@Test
	void theRouteIsLookedUpBeforeEveryOtherHandlerMapping() {
		int routeOrder = context.getBean(RoutePredicateHandlerMapping.class).getOrder();

		assertThat(context.getBeansOfType(HandlerMapping.class).values())
			.filteredOn(mapping -> !(mapping instanceof RoutePredicateHandlerMapping))
			.isNotEmpty()
			.allSatisfy(mapping -> assertThat(((Ordered) mapping).getOrder()).isGreaterThan(routeOrder));
	}

	@Test
	void leavesOutTheAutoConfigurationsAProxyDoesNotUse() {
		assertThat(context.getBeanNamesForType(DiscoveryClient.class)).isEmpty();
		assertThat(context.getBeanNamesForType(ReactiveDiscoveryClient.class)).isEmpty();
		assertThat(context.getBeanNamesForType(RedisRateLimiter.class)).isEmpty();
		assertThat(context.getBeanNamesForType(TaskExecutor.class)).isEmpty();
		assertThat(context.containsBean("defaultValidator")).isFalse();
		assertThat(context.containsBean("refreshScope")).isFalse();
	}

	@Test
	void onlyTheUpstreamUrlFilterBuildsTheForwardedUrl() {
		assertThat(context.getBeanNamesForType(RouteToRequestUrlFilter.class)).isEmpty();
		assertThat(context.getBeanNamesForType(UpstreamUrlFilter.class)).hasSize(1);
	}

	@Test
	void runsNoGlobalFilterForBodiesForwardsOrWebSockets() {
		assertThat(context.getBeansOfType(GlobalFilter.class).values()).extracting(Object::getClass)
			.doesNotContain(AdaptCachedBodyGlobalFilter.class, RemoveCachedBodyFilter.class, ForwardPathFilter.class,
					ForwardRoutingFilter.class, WebsocketRoutingFilter.class)
			.contains(NettyRoutingFilter.class, NettyWriteResponseFilter.class);
	}

	@Test
	void healthIsUpWithoutARedisComponent() {
		client().get().uri("/actuator/health").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.ping.status").isEqualTo("UP")
			.jsonPath("$.components.redis").doesNotExist()
			.jsonPath("$.components.diskSpace").doesNotExist()
			.jsonPath("$.components.discoveryComposite").doesNotExist();
	}

}
