package org.metahub.filters.manifest;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;

import org.metahub.config.MachineType;
import org.metahub.filters.features.FeatureImplications;

/**
 * What matching needs of a machine type, computed once at start-up: its declared features, their closure
 * under the feature implications, and its options.
 *
 * @param login the machine type's login, or {@code null} for a profile built from features alone
 * @param name the machine type's name
 * @param declared the features the machine type declares, in configuration order
 * @param features the declared features and everything they imply, sorted
 * @param platform the platform whose entries are matched; entries of other platforms are kept unchanged
 * @param fallback whether an entry requiring no features may serve
 * @param resolve what a tag resolves to
 * @param pinned what a pull by the upstream list's digest gets
 */
public record MachineProfile(String login, String name, List<String> declared, SortedSet<String> features,
		TargetPlatform platform, MachineType.Fallback fallback, MachineType.Resolve resolve,
		MachineType.Pinned pinned) {

	public MachineProfile {
		declared = List.copyOf(declared);
	}

	public static MachineProfile of(MachineType type, FeatureImplications implications) {
		return new MachineProfile(type.login(), type.name(), type.features(), implications.closure(type.features()),
				TargetPlatform.parse(type.platform()), type.fallback(), type.resolve(), type.pinned());
	}

	/** A profile with the default options, for callers that only know a set of features. */
	public static MachineProfile ofFeatures(Set<String> features, FeatureImplications implications) {
		return new MachineProfile(null, null, List.copyOf(features), implications.closure(features),
				TargetPlatform.parse(MachineType.DEFAULT_PLATFORM), MachineType.Fallback.GENERIC,
				MachineType.Resolve.LIST, MachineType.Pinned.PASSTHROUGH);
	}

	/** The implied features only: the closure without the declared ones. */
	public List<String> implied() {
		return features.stream().filter(feature -> !declared.contains(feature)).toList();
	}

}
