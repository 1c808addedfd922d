package org.metahub.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The port is taken: which one, how to find who holds it, and the setting that moves the gateway. */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's own, which does not name the setting
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		int port = cause.getPort();
		return new FailureAnalysis("The gateway cannot listen on port " + port + ": another process already does.",
				"Stop that process (ss -ltnp 'sport = :" + port + "' names it), or start the gateway on another port "
						+ "with --server.port=<port> or SERVER_PORT=<port>.",
				null);
	}

}
