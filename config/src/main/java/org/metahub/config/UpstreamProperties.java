package org.metahub.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry the gateway forwards to ({@code metahub.upstream.*}).
 *
 * @param url base URL of the upstream registry, without the {@code /v2} suffix
 * @param username optional user for the upstream's Basic or token challenge
 * @param password optional password for that user
 */
@ConfigurationProperties("metahub.upstream")
public record UpstreamProperties(
		@DefaultValue("https://registry-1.docker.io") URI url,
		String username,
		String password) {

	public UpstreamProperties {
		if (url == null || url.getScheme() == null || url.getHost() == null
				|| !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
			throw new IllegalArgumentException(
					"metahub.upstream.url must be an absolute http or https URL, got '" + url + "'");
		}
		if ((username == null) != (password == null)) {
			throw new IllegalArgumentException(
					"metahub.upstream.username and metahub.upstream.password must be set together");
		}
	}

	/** Whether requests carry credentials when answering the upstream's challenge. */
	public boolean hasCredentials() {
		return username != null;
	}

	/** Docker Hub implies {@code library/} for one-component names. */
	public boolean isDockerHub() {
		String host = url.getHost();
		return host.equals("registry-1.docker.io") || host.equals("docker.io") || host.equals("index.docker.io");
	}

	@Override
	public String toString() {
		return "UpstreamProperties[url=" + url + ", username=" + username + "]";
	}

}
