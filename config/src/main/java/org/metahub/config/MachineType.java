package org.metahub.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One kind of host: the login it pulls with and the features it offers ({@code metahub.machine-types[]}).
 *
 * @param name name used in logs and metrics
 * @param login user name the machine presents
 * @param password password in Spring Security's delegating format, such as {@code {bcrypt}$2a$...}
 * @param features host features, such as {@code cpu:skylake} or {@code nvcap:8.0}
 */
public record MachineType(String name, String login, String password, List<String> features) {

	private static final Pattern DELEGATING_FORMAT = Pattern.compile("^\\{[a-zA-Z0-9_-]+}.*", Pattern.DOTALL);

	public MachineType {
		if (login == null || login.isBlank()) {
			throw new IllegalArgumentException("metahub.machine-types: every machine type needs a login");
		}
		if (name == null || name.isBlank()) {
			name = login;
		}
		if (password == null || !DELEGATING_FORMAT.matcher(password).matches()) {
			throw new IllegalArgumentException("metahub.machine-types: the password of login '" + login
					+ "' must be in delegating format, such as {bcrypt}$2a$10$... (or {noop}secret for demos)");
		}
		features = features == null ? List.of() : List.copyOf(features);
	}

	@Override
	public String toString() {
		return "MachineType[name=" + name + ", login=" + login + ", features=" + features + "]";
	}

}
