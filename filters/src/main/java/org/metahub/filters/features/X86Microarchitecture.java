package org.metahub.filters.features;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One built-in x86 name: the feature, the name whose extensions it starts from, and the extensions it adds.
 *
 * @param feature the feature, such as {@code cpu:haswell}
 * @param base the feature whose extensions are included, or {@code null}
 * @param added the extensions added over {@code base}, in GCC's spelling
 * @param extensions every extension, {@code base}'s included
 */
record X86Microarchitecture(String feature, String base, List<String> added, Set<String> extensions) {

	X86Microarchitecture {
		added = List.copyOf(added);
		extensions = Set.copyOf(extensions);
	}

	static X86Microarchitecture of(String feature, X86Microarchitecture base, String... added) {
		Set<String> extensions = new LinkedHashSet<>();
		if (base != null) {
			extensions.addAll(base.extensions());
		}
		extensions.addAll(List.of(added));
		return new X86Microarchitecture(feature, base == null ? null : base.feature(), List.of(added), extensions);
	}

	/** Whether a host of this name runs everything built for {@code other}: it has each of its extensions. */
	boolean covers(X86Microarchitecture other) {
		return extensions.containsAll(other.extensions());
	}

}
