package org.metahub.filters.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.FilterOrder;
import org.metahub.filters.oci.DistributionPath;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Times {@code metahub.upstream.latency}: from handing the request to the routing filter until the
 * upstream's response headers arrived (the routing filter completes then; the body streams later).
 */
public class UpstreamLatencyFilter implements GlobalFilter, Ordered {

	private final MeterRegistry registry;

	public UpstreamLatencyFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(registry);
			return chain.filter(exchange).doFinally(signal -> sample.stop(timer(exchange, signal)));
		});
	}

	private Timer timer(ServerWebExchange exchange, SignalType signal) {
		DistributionPath path = exchange.getAttribute(ExchangeAttributes.DISTRIBUTION_PATH);
		return Timer.builder("metahub.upstream.latency")
			.description("Time until the upstream's response headers arrived")
			.tag("kind", RequestKind.of(exchange.getRequest().getPath().value(), path))
			.tag("outcome", switch (signal) {
				case ON_COMPLETE -> "response";
				case ON_ERROR -> "error";
				default -> "cancelled";
			})
			.register(registry);
	}

	@Override
	public int getOrder() {
		return FilterOrder.UPSTREAM_LATENCY;
	}

}
