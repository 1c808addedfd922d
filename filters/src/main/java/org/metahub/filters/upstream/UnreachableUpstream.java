package org.metahub.filters.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Why one upstream could not be asked, in words a user acts on ("DNS name registry-1.docker.io not found",
 * "connection refused by ...", "TLS handshake failed: ...", "no answer within 60 s"), and the OCI error of it.
 *
 * @param name the upstream's name, such as {@code docker.io}
 * @param url the upstream's base URL
 * @param connectTimeout how long the client waits for a connection, or {@code null} when unknown
 * @param responseTimeout how long the client waits for an answer, or {@code null} when unknown
 */
public record UnreachableUpstream(String name, URI url, Duration connectTimeout, Duration responseTimeout) {

	/** Whether the failure is the network's (connecting, TLS, a timeout, a closed connection), not the gateway's own. */
	public static boolean isTransportFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OciException) {
				return false;
			}
			if (cause instanceof IOException || cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
				return true;
			}
		}
		return false;
	}

	public static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException
					|| cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** The cause in words, such as {@code DNS name registry-1.docker.io not found}. */
	public String cause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String words = words(cause);
			if (words != null) {
				return words;
			}
		}
		return "the connection failed (" + failure + ")";
	}

	private String words(Throwable cause) {
		if (cause instanceof UnknownHostException) {
			return "DNS name " + url.getHost() + " not found";
		}
		if (cause instanceof ConnectTimeoutException) {
			return "no connection to " + address() + within(connectTimeout);
		}
		if (cause instanceof ConnectException) {
			return "connection refused by " + address() + " (nothing listens there)";
		}
		if (cause instanceof NotSslRecordException) {
			return tlsFailed("the port answers plain HTTP: use an http:// URL");
		}
		if (cause instanceof SSLException ssl) {
			return tlsFailed(tlsReason(ssl));
		}
		if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
			return "no answer" + within(responseTimeout);
		}
		if (cause instanceof PrematureCloseException) {
			return "the upstream closed the connection before it answered";
		}
		if (cause instanceof TooLongFrameException) {
			return "the upstream registry answered headers larger than the gateway reads";
		}
		if (cause instanceof DecoderException) {
			return "the upstream registry answered something that is not HTTP";
		}
		return null;
	}

	private static String tlsFailed(String reason) {
		return "TLS handshake failed: " + reason;
	}

	private String tlsReason(SSLException failure) {
		String message = String.valueOf(failure.getMessage());
		String lower = message.toLowerCase(Locale.ROOT);
		if (lower.contains("plaintext") || lower.contains("not an ssl/tls record") || lower.contains("unrecognized ssl message")) {
			return "the port answers plain HTTP: use an http:// URL";
		}
		if (lower.contains("certification path") || lower.contains("pkix")) {
			return "the certificate is not trusted (no trusted CA signed it; add the CA to the JVM's trust store)";
		}
		if (lower.contains("subject alternative") || lower.contains("no name matching")) {
			return "the certificate does not name " + url.getHost();
		}
		if (lower.contains("expired") || lower.contains("notafter")) {
			return "the certificate has expired";
		}
		return message;
	}

	/** {@code host:port} of the upstream, the key its outage is logged under. */
	public String address() {
		return address(url);
	}

	/** {@code host:port} of a URL, with the scheme's default port. */
	public static String address(URI url) {
		int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
		return url.getHost() + ":" + port;
	}

	private static String within(Duration timeout) {
		if (timeout == null) {
			return " in time";
		}
		return timeout.toMillis() % 1000 == 0 ? " within " + timeout.toSeconds() + " s" : " within " + timeout.toMillis() + " ms";
	}

	/** What failed, naming the upstream: {@code upstream docker.io (https://registry-1.docker.io): <cause>}. */
	public String describe(Throwable failure) {
		return "upstream " + name + " (" + url + "): " + cause(failure);
	}

	/** The error a client gets: 504 for a timeout, else 502, with the upstream and the cause as detail. */
	public OciException exception(Throwable failure) {
		Map<String, String> detail = new LinkedHashMap<>();
		detail.put("upstream", name);
		detail.put("url", url.toString());
		detail.put("cause", cause(failure));
		return (isTimeout(failure) ? OciError.UPSTREAM_TIMEOUT : OciError.UPSTREAM_UNAVAILABLE)
			.exception(describe(failure), detail);
	}

}
