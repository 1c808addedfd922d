package org.metahub.config;


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
		if (password != null) {
			PasswordFormat.check(password, "metahub.admin.password");
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
