package org.metahub.gateway.startup;

import org.metahub.filters.virtualimage.InvalidVirtualImageSpecException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** A virtual image spec that cannot be served: the file, the field and how to fix it, without a stack trace. */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's generic analyzers of the same exceptions
class VirtualImageSpecFailureAnalyzer extends AbstractFailureAnalyzer<InvalidVirtualImageSpecException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidVirtualImageSpecException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the spec file named above (the format is in docs/virtual-images.md), move it out of the "
						+ "folder of metahub.virtual-images.location, or unset that property to serve no virtual images.",
				null);
	}

}
