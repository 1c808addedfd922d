package org.metahub.gateway.startup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.config.Upstreams;
import org.metahub.filters.upstream.UpstreamReachability;
import reactor.core.publisher.Flux;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Probes each upstream once when the gateway is ready and logs what it found, such as
 * {@code upstream docker.io (https://registry-1.docker.io): reachable, token auth}. In the background:
 * readiness never waits for it.
 */
public class UpstreamStartupProbe implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(UpstreamStartupProbe.class);

	private final Upstreams upstreams;

	private final UpstreamReachability reachability;

	public UpstreamStartupProbe(Upstreams upstreams, UpstreamReachability reachability) {
		this.upstreams = upstreams;
		this.reachability = reachability;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Flux.fromIterable(upstreams.all()).flatMap(reachability::probe).subscribe(report -> {
			if (report.reachable()) {
				logger.info(report.line());
			}
			else {
				logger.warn(report.line());
			}
		});
	}

}
