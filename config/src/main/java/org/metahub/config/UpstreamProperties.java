package org.metahub.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.Name;

/**
 * One registry the gateway forwards to: an entry of {@code metahub.upstreams}, or the shorthand
 * {@code metahub.upstream.*} for a single default upstream.
 *
 * @param name the registry host clients use, such as {@code docker.io} or {@code registry.example.com:5000};
 *     defaults to the URL's host and port ({@code docker.io} for Docker Hub)
 * @param url base URL of the upstream registry, without the {@code /v2} suffix; defaults to
 *     {@code https://<name>} ({@code https://registry-1.docker.io} for Docker Hub)
 * @param username optional user for the upstream's Basic or token challenge
 * @param password optional password for that user
 * @param usernameFile a file whose trimmed content is the username, such as a mounted Secret
 * @param passwordFile a file whose trimmed content is the password
 * @param isDefault whether requests that name no upstream go here ({@code default})
 * @param followRedirects whether the gateway follows blob redirects itself instead of handing them to the client
 * @param allowedRealms hosts of token realms outside the upstream's own domain that may still receive
 *     the upstream credentials
 */
@ConfigurationProperties("metahub.upstream")
public record UpstreamProperties(
		String name,
		URI url,
		String username,
		String password,
		Path usernameFile,
		Path passwordFile,
		@Name("default") boolean isDefault,
		boolean followRedirects,
		List<String> allowedRealms) {

	/** The host Docker Hub's API is served from. */
	public static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";

	/** The name clients use for Docker Hub. */
	public static final String DOCKER_HUB = "docker.io";

	private static final List<String> DOCKER_HUB_ALIASES = List.of(DOCKER_HUB, "index.docker.io", DOCKER_HUB_REGISTRY);

	@ConstructorBinding
	public UpstreamProperties {
		if (url == null) {
			url = URI.create("https://" + (name == null || isDockerHubName(name) ? DOCKER_HUB_REGISTRY : name));
		}
		if (url.getScheme() == null || url.getHost() == null
				|| !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
			throw new IllegalArgumentException("url must be an absolute http or https URL, got '" + url + "'");
		}
		name = canonicalName(name != null ? name : url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
		if (name.isEmpty() || name.contains("/")) {
			throw new IllegalArgumentException("name must be a registry host such as ghcr.io, got '" + name + "'");
		}
		username = fromFile(username, usernameFile, "username");
		password = fromFile(password, passwordFile, "password");
		if ((username == null) != (password == null)) {
			throw new IllegalArgumentException("username and password (or username-file and password-file) of upstream '"
					+ name + "' must be set together");
		}
		allowedRealms = allowedRealms == null ? List.of() : List.copyOf(allowedRealms);
		for (String realm : allowedRealms) {
			if (realm.isBlank() || realm.contains("/") || realm.contains(":") && !realm.startsWith("[")) {
				throw new IllegalArgumentException(
						"allowed-realms holds host names such as auth.example.com, got '" + realm + "'");
			}
		}
	}

	public UpstreamProperties(URI url, String username, String password) {
		this(url, username, password, List.of());
	}

	public UpstreamProperties(URI url, String username, String password, List<String> allowedRealms) {
		this(null, url, username, password, null, null, true, false, allowedRealms);
	}

	/** The name Docker Hub's aliases share; other hosts in lower case. */
	public static String canonicalName(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return isDockerHubName(lower) ? DOCKER_HUB : lower;
	}

	private static boolean isDockerHubName(String host) {
		return DOCKER_HUB_ALIASES.contains(host.toLowerCase(Locale.ROOT));
	}

	/** The same upstream marked as the default, for the {@code metahub.upstream.*} shorthand. */
	public UpstreamProperties asDefault() {
		return new UpstreamProperties(name, url, username, password, null, null, true, followRedirects, allowedRealms);
	}

	/** Whether requests carry credentials when answering the upstream's challenge. */
	public boolean hasCredentials() {
		return username != null;
	}

	/** Docker Hub implies {@code library/} for one-component names. */
	public boolean isDockerHub() {
		return isDockerHubName(url.getHost());
	}

	private static String fromFile(String value, Path file, String key) {
		if (file == null) {
			return value;
		}
		if (value != null) {
			throw new IllegalArgumentException("set either " + key + " or " + key + "-file, not both");
		}
		try {
			String content = Files.readString(file, StandardCharsets.UTF_8).trim();
			if (content.isEmpty()) {
				throw new IllegalArgumentException(key + "-file " + file + " is empty");
			}
			return content;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(key + "-file " + file + " cannot be read: " + ex.getClass().getSimpleName());
		}
	}

	@Override
	public String toString() {
		return "UpstreamProperties[name=" + name + ", url=" + url + ", username=" + username + ", default=" + isDefault
				+ ", followRedirects=" + followRedirects + ", allowedRealms=" + allowedRealms + "]";
	}

}
