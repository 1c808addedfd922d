package org.metahub.filters.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.metahub.config.MachineType;
import org.metahub.filters.features.FeatureImplications;

/** Every machine type's {@link MachineProfile} by login, built once at start-up. */
public final class MachineProfiles {

	private final Map<String, MachineProfile> byLogin = new LinkedHashMap<>();

	private final FeatureImplications implications;

	public MachineProfiles(List<MachineType> machineTypes, FeatureImplications implications) {
		this.implications = implications;
		machineTypes.forEach(type -> byLogin.put(type.login(), MachineProfile.of(type, implications)));
	}

	public Optional<MachineProfile> find(String login) {
		return Optional.ofNullable(byLogin.get(login));
	}

	/** The precomputed profile of a configured machine type; built on the spot for one that is not configured. */
	public MachineProfile of(MachineType type) {
		MachineProfile known = byLogin.get(type.login());
		return known != null && known.declared().equals(type.features()) ? known : MachineProfile.of(type, implications);
	}

}
