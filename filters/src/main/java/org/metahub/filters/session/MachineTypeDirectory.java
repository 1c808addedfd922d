package org.metahub.filters.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.config.MachineType;

/** The configured machine types by login. */
public class MachineTypeDirectory {

	private static final Log logger = LogFactory.getLog(MachineTypeDirectory.class);

	private final Map<String, MachineType> byLogin = new LinkedHashMap<>();

	public MachineTypeDirectory(List<MachineType> machineTypes) {
		machineTypes.forEach(type -> byLogin.put(type.login(), type));
	}

	public Optional<MachineType> find(String login) {
		return Optional.ofNullable(byLogin.get(login));
	}

	/** Every machine type, in configuration order. */
	public List<MachineType> all() {
		return List.copyOf(byLogin.values());
	}

	/** Warns once per machine type whose password is stored in plain text ({@code {noop}}). */
	public void warnAboutPlainPasswords() {
		byLogin.values().stream().filter(type -> type.password().startsWith("{noop}")).forEach(type -> logger
			.warn("Machine type '" + type.name() + "' (login '" + type.login()
					+ "') has a {noop} password: store a {bcrypt} hash outside demos (a {noop} check answers far faster than"
					+ " a hash, which tells a prober which logins exist)"));
	}

}
