package org.metahub.filters.manifest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

/**
 * Chooses, for each platform of a list, the entry that fits a machine best. An entry fits when the
 * machine has every feature it requires; among fitting entries the ranking decides, list order breaks
 * ties. Pure and deterministic.
 */
public final class FeatureMatcher {

	private final Comparator<Descriptor> ranking;

	public FeatureMatcher() {
		this(EntryRanking.MOST_FEATURES);
	}

	public FeatureMatcher(Comparator<Descriptor> ranking) {
		this.ranking = ranking;
	}

	/**
	 * One entry per platform, in the order platforms first appear in the list.
	 * @param machineFeatures the machine's features, possibly already expanded by the caller
	 * @throws OciException {@code MANIFEST_UNKNOWN} when no entry fits at all
	 */
	public List<Descriptor> select(List<Descriptor> entries, Set<String> machineFeatures) {
		// a platform's slot is reserved at its first entry, so output order follows list order
		Map<Platform.Key, Descriptor> winners = new LinkedHashMap<>();
		for (Descriptor entry : entries) {
			Platform.Key key = entry.platformKey();
			winners.putIfAbsent(key, null);
			if (!machineFeatures.containsAll(entry.requiredFeatures())) {
				continue;
			}
			Descriptor current = winners.get(key);
			if (current == null || ranking.compare(entry, current) > 0) {
				winners.put(key, entry);
			}
		}
		List<Descriptor> chosen = winners.values().stream().filter(Objects::nonNull).toList();
		if (chosen.isEmpty()) {
			throw noneFits(entries, machineFeatures);
		}
		return chosen;
	}

	private static OciException noneFits(List<Descriptor> entries, Set<String> machineFeatures) {
		List<List<String>> offered = entries.stream()
			.map(entry -> List.copyOf(new TreeSet<>(entry.requiredFeatures())))
			.distinct()
			.toList();
		List<String> machine = List.copyOf(new TreeSet<>(machineFeatures));
		return OciError.MANIFEST_UNKNOWN.exception("no entry of the manifest list fits this machine type: it has features "
				+ machine + ", the entries require " + offered,
				Map.of("machineFeatures", machine, "offeredFeatures", offered));
	}

}
