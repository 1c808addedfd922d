package org.metahub.config;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator of the gateway's own endpoints, such as {@code /metahub/v1/explain}
 * ({@code metahub.admin.*}). Without them, those endpoints answer 404.
 *
 * @param username the administrator's user name; must not be the login of a machine type
 * @param password its password in Spring Security's delegating format, such as {@code {bcrypt}$2a$...}
 */
@ConfigurationProperties("metahub.admin")
public record AdminProperties(String username, String password) {

	private static final Pattern DELEGATING_FORMAT = Pattern.compile("^\\{[a-zA-Z0-9_-]+}.+", Pattern.DOTALL);

	public AdminProperties {
		username = username == null || username.isBlank() ? null : username;
		password = password == null || password.isBlank() ? null : password;
		if ((username == null) != (password == null)) {
			throw new IllegalArgumentException(
					"metahub.admin.username and metahub.admin.password must be set together");
		}
		if (username != null && username.contains(":")) {
			throw new IllegalArgumentException("metahub.admin.username must not contain ':'");
		}
		if (password != null && !DELEGATING_FORMAT.matcher(password).matches()) {
			throw new IllegalArgumentException("metahub.admin.password must be in delegating format, "
					+ "such as {bcrypt}$2a$10$... (or {noop}secret for demos)");
		}
	}

	/** Whether an administrator is configured; without one the admin endpoints do not exist. */
	public boolean isConfigured() {
		return username != null;
	}

	@Override
	public String toString() {
		return "AdminProperties[username=" + username + "]";
	}

}
