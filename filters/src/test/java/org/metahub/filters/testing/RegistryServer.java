package org.metahub.filters.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A real CNCF distribution registry ({@code /usr/bin/docker-registry}, Debian package
 * {@code docker-registry}) on a free loopback port with temporary storage. Its log, which holds
 * one access-log line per request, is available for counting what reached it.
 */
public final class RegistryServer extends ServerProcess {

	private final int port;

	private final String username;

	private final String password;

	private RegistryServer(Builder builder, Path directory, int port) {
		super(directory, List.of("/usr/bin/docker-registry", "serve", writeConfig(builder, directory, port).toString()));
		this.port = port;
		this.username = builder.username;
		this.password = builder.password;
		awaitReady("docker-registry", () -> answersBase(url()));
	}

	public static RegistryServer start() {
		return builder().start();
	}

	public static Builder builder() {
		return new Builder();
	}

	public int port() {
		return port;
	}

	/** Base URL, such as {@code http://127.0.0.1:5000}. */
	public URI url() {
		return URI.create("http://127.0.0.1:" + port);
	}

	/** User of the htpasswd file, or {@code null} for an anonymous registry. */
	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	/** How many requests the registry logged whose request line contains the given text. */
	public long countRequests(String method, String pathPart) {
		return log().lines()
			.filter(line -> line.contains("http.request.method=" + method))
			.filter(line -> line.contains("http.request.uri=\"" + pathPart) || line.contains(pathPart))
			.filter(line -> line.contains("response completed"))
			.count();
	}

	private static Path writeConfig(Builder builder, Path directory, int port) {
		StringBuilder config = new StringBuilder();
		config.append("version: 0.1\n");
		config.append("log:\n  level: info\n  accesslog:\n    disabled: false\n");
		config.append("storage:\n  filesystem:\n    rootdirectory: ").append(directory.resolve("storage")).append('\n');
		config.append("  delete:\n    enabled: true\n");
		config.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
		config.append("  secret: metahub-test\n");
		config.append("  debug:\n    addr: \"\"\n");
		try {
			if (builder.username != null) {
				Path htpasswd = directory.resolve("htpasswd");
				String hash = new BCryptPasswordEncoder().encode(builder.password);
				Files.writeString(htpasswd, builder.username + ":" + hash + "\n");
				config.append("auth:\n  htpasswd:\n    realm: metahub-test\n    path: ").append(htpasswd).append('\n');
			}
			else if (builder.tokenRealm != null) {
				config.append("auth:\n  token:\n    realm: ").append(builder.tokenRealm).append('\n');
				config.append("    service: ").append(builder.tokenService).append('\n');
				config.append("    issuer: ").append(builder.tokenIssuer).append('\n');
				config.append("    rootcertbundle: ").append(builder.tokenRootCertBundle).append('\n');
			}
			Path file = directory.resolve("config.yml");
			Files.writeString(file, config.toString());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Options for a registry: anonymous by default, or htpasswd Basic auth, or token auth. */
	public static final class Builder {

		private String username;

		private String password;

		private String tokenRealm;

		private String tokenService;

		private String tokenIssuer;

		private Path tokenRootCertBundle;

		private Builder() {
		}

		public Builder htpasswd(String username, String password) {
			this.username = username;
			this.password = password;
			return this;
		}

		/** Bearer token auth as distribution implements it: tokens signed by a key of the given certificate bundle. */
		public Builder tokenAuth(String realm, String service, String issuer, Path rootCertBundle) {
			this.tokenRealm = realm;
			this.tokenService = service;
			this.tokenIssuer = issuer;
			this.tokenRootCertBundle = rootCertBundle;
			return this;
		}

		public RegistryServer start() {
			return new RegistryServer(this, newDirectory("metahub-registry"), FreePorts.next());
		}

	}

}
