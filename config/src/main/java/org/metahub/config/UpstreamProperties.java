package org.metahub.config;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry the gateway forwards to ({@code metahub.upstream.*}).
 *
 * @param url base URL of the upstream registry, without the {@code /v2} suffix
 * @param username optional user for the upstream's Basic or token challenge
 * @param password optional password for that user
 * @param allowedRealms hosts of token realms outside the upstream's own domain that may still receive
 *     the upstream credentials ({@code metahub.upstream.allowed-realms})
 */
@ConfigurationProperties("metahub.upstream")
public record UpstreamProperties(
		@DefaultValue("https://registry-1.docker.io") URI url,
		String username,
		String password,
		List<String> allowedRealms) {

	@ConstructorBinding
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
		allowedRealms = allowedRealms == null ? List.of() : List.copyOf(allowedRealms);
		for (String realm : allowedRealms) {
			if (realm.isBlank() || realm.contains("/") || realm.contains(":") && !realm.startsWith("[")) {
				throw new IllegalArgumentException(
						"metahub.upstream.allowed-realms holds host names such as auth.example.com, got '" + realm + "'");
			}
		}
	}

	public UpstreamProperties(URI url, String username, String password) {
		this(url, username, password, List.of());
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
		return "UpstreamProperties[url=" + url + ", username=" + username + ", allowedRealms=" + allowedRealms + "]";
	}

}
