package org.metahub.filters.manifest;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * amd64 variants are x86-64 microarchitecture levels: an entry for {@code amd64/v3} runs only on hosts of
 * level 3, so matching treats its variant as the required feature {@code cpu:x86-64-v3}. {@code v1} and no
 * variant are the baseline, which every amd64 host has.
 */
public final class Amd64Levels {

	static final String AMD64 = "amd64";

	private static final String LEVEL_PREFIX = "cpu:x86-64-";

	private Amd64Levels() {
	}

	/** The feature an entry's amd64 variant requires, or {@code null} when it requires none. */
	public static String impliedFeature(Descriptor entry) {
		Platform platform = entry.platform();
		if (platform == null || !AMD64.equals(platform.architecture()) || platform.variant() == null
				|| platform.variant().isBlank() || platform.variant().equals("v1")) {
			return null;
		}
		// v2 to v4 are the levels; any other variant names a level no built-in host has
		return LEVEL_PREFIX + platform.variant().strip();
	}

	/** What a host must have to run the entry: its features plus the level of its amd64 variant. */
	public static Set<String> required(Descriptor entry) {
		String level = impliedFeature(entry);
		if (level == null) {
			return entry.requiredFeatures();
		}
		Set<String> required = new LinkedHashSet<>(entry.requiredFeatures());
		required.add(level);
		return Collections.unmodifiableSet(required);
	}

	/** Whether the entry is an amd64 entry that names a variant, which clients mishandle. */
	static boolean hasVariant(Descriptor entry) {
		Platform platform = entry.platform();
		return platform != null && AMD64.equals(platform.architecture()) && platform.variant() != null;
	}

}
