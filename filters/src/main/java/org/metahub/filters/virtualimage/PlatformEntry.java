package org.metahub.filters.virtualimage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.Platform;

/**
 * Picks the entry of a component's list for the component's platform: same os and architecture, and
 * the same variant when the spec gives one; without a variant, an entry without one is preferred. The
 * first such entry in list order wins, as with docker.
 */
final class PlatformEntry {

	private PlatformEntry() {
	}

	static Optional<Descriptor> pick(List<Descriptor> entries, Platform wanted) {
		List<Descriptor> candidates = entries.stream()
			.filter(entry -> entry.platform() != null)
			.filter(entry -> Objects.equals(entry.platform().os(), wanted.os())
					&& Objects.equals(entry.platform().architecture(), wanted.architecture()))
			.filter(entry -> wanted.variant() == null || wanted.variant().equals(entry.platform().variant()))
			.toList();
		return candidates.stream()
			.filter(entry -> wanted.variant() != null || entry.platform().variant() == null)
			.findFirst()
			.or(() -> candidates.stream().findFirst());
	}

	static String describe(Platform platform) {
		return platform.os() + "/" + platform.architecture() + (platform.variant() == null ? "" : "/" + platform.variant());
	}

}
