package org.metahub.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The machine types that may log in ({@code metahub.machine-types}).
 *
 * @param machineTypes one entry per kind of host; logins must be unique
 */
@ConfigurationProperties("metahub")
public record MachineTypeProperties(List<MachineType> machineTypes) {

	public MachineTypeProperties {
		machineTypes = machineTypes == null ? List.of() : List.copyOf(machineTypes);
		Set<String> logins = new HashSet<>();
		for (MachineType type : machineTypes) {
			if (!logins.add(type.login())) {
				throw new IllegalArgumentException(
						"metahub.machine-types: login '" + type.login() + "' is used by more than one machine type");
			}
		}
	}

}
