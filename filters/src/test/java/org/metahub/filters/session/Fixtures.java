package org.metahub.filters.session;

import java.util.List;

import org.metahub.config.MachineType;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Machine types the session tests log in with: one with a bcrypt hash, one with {noop}. */
final class Fixtures {

	static final MachineType SKYLAKE = new MachineType("skylake", "node-skylake",
			"{bcrypt}" + new BCryptPasswordEncoder(4).encode("skylake-secret"), List.of("cpu:skylake"));

	static final MachineType BROADWELL = new MachineType("broadwell", "node-broadwell", "{noop}broadwell-secret",
			List.of("cpu:broadwell"));

	static final MachineTypeDirectory DIRECTORY = new MachineTypeDirectory(List.of(SKYLAKE, BROADWELL));

	private Fixtures() {
	}

}
