package org.metahub.gateway.startup;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A {@code metahub.*} value the gateway refuses (a bad duration, an unreadable credential file, a key set
 * twice): the key and the reason as the configuration type states it, without a stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's generic analyzers of the same exceptions
class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "metahub";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.equals(PREFIX) && !name.startsWith(PREFIX + ".")) {
			return null; // Spring's own analyzer explains other keys
		}
		return new FailureAnalysis("The configuration under '" + name + "' is invalid: " + reason(cause),
				"Correct that value wherever it is set (an application.yml, a METAHUB_... environment variable or a "
						+ "--" + name + "... argument); README.md, section Configuration, lists each property and its "
						+ "allowed values.",
				null);
	}

	// the innermost message: the configuration type's own sentence, naming the key
	private static String reason(BindException failure) {
		Throwable reason = failure;
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				reason = cause;
			}
		}
		return reason.getMessage();
	}

}
