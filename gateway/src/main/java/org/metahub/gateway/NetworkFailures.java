package org.metahub.gateway;

import java.io.IOException;
import java.util.Locale;

import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The failures a network produces in normal operation: a client that goes away, a peer that resets or
 * closes its connection. They are logged as one line, without a stack trace.
 */
final class NetworkFailures {

	private NetworkFailures() {
	}

	/** Whether the failure, or one of its causes, is a connection that was aborted, reset or closed early. */
	static boolean isExpected(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AbortedException || cause instanceof PrematureCloseException) {
				return true;
			}
			if (cause instanceof IOException && cause.getMessage() != null) {
				String message = cause.getMessage().toLowerCase(Locale.ROOT);
				if (message.contains("connection reset") || message.contains("broken pipe")) {
					return true;
				}
			}
		}
		return false;
	}

}
