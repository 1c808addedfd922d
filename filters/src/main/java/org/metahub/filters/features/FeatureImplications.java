package org.metahub.filters.features;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which features a machine has once the features it declares are followed through the implication graph.
 * <p>
 * Built-in: {@code cpu:A} implies {@code cpu:B} when A has every extension of B (see {@link X86Microarchitectures}).
 * Configured edges are added with {@link #with(Map)}. Implication is transitive, cycles make features equivalent,
 * and a feature nobody mentions implies only itself.
 */
public final class FeatureImplications {

	private static final FeatureImplications BUILT_IN = new FeatureImplications(x86Edges());

	private final Map<String, Set<String>> direct;

	/** Each known feature's closure, itself included, sorted; computed once so lookups allocate nothing. */
	private final Map<String, SortedSet<String>> closures;

	private FeatureImplications(Map<String, Set<String>> direct) {
		this.direct = direct;
		this.closures = new HashMap<>();
		direct.keySet().forEach(feature -> closures.put(feature, Collections.unmodifiableSortedSet(reach(feature))));
	}

	/** The built-in x86 microarchitecture names and x86-64 levels. */
	public static FeatureImplications builtIn() {
		return BUILT_IN;
	}

	/** These implications plus {@code configured}, each feature mapped to the features it directly implies. */
	public FeatureImplications with(Map<String, ? extends Collection<String>> configured) {
		Map<String, Set<String>> merged = new LinkedHashMap<>();
		direct.forEach((feature, implied) -> merged.put(feature, new LinkedHashSet<>(implied)));
		configured.forEach((feature, implied) -> {
			merged.computeIfAbsent(feature, key -> new LinkedHashSet<>()).addAll(implied);
			implied.forEach(one -> merged.computeIfAbsent(one, key -> new LinkedHashSet<>()));
		});
		return new FeatureImplications(merged);
	}

	/** The declared features and everything they imply, sorted. */
	public SortedSet<String> closure(Collection<String> declared) {
		if (declared.size() == 1) {
			return closureOf(declared.iterator().next());
		}
		SortedSet<String> all = new TreeSet<>();
		declared.forEach(feature -> all.addAll(closureOf(feature)));
		return Collections.unmodifiableSortedSet(all);
	}

	/** Whether a machine declaring {@code feature} also has {@code implied}; every feature implies itself. */
	public boolean implies(String feature, String implied) {
		return feature.equals(implied) || closureOf(feature).contains(implied);
	}

	private SortedSet<String> closureOf(String feature) {
		SortedSet<String> known = closures.get(feature);
		return known != null ? known : Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(feature)));
	}

	private SortedSet<String> reach(String start) {
		SortedSet<String> seen = new TreeSet<>();
		Deque<String> pending = new ArrayDeque<>();
		pending.add(start);
		while (!pending.isEmpty()) {
			String feature = pending.poll();
			// the seen check is what stops a cycle
			if (seen.add(feature)) {
				pending.addAll(direct.getOrDefault(feature, Set.of()));
			}
		}
		return seen;
	}

	private static Map<String, Set<String>> x86Edges() {
		Map<String, Set<String>> edges = new LinkedHashMap<>();
		for (X86Microarchitecture host : X86Microarchitectures.all()) {
			Set<String> implied = new LinkedHashSet<>();
			for (X86Microarchitecture other : X86Microarchitectures.all()) {
				if (other != host && host.covers(other)) {
					implied.add(other.feature());
				}
			}
			edges.put(host.feature(), implied);
		}
		return edges;
	}

}
