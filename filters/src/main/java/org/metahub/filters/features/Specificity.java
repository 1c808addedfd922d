package org.metahub.filters.features;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders entries' required features most specific first: A before B when A's closure contains B and B's does not
 * contain A, otherwise the larger closure first; what is still tied is left to list order (a stable sort keeps it).
 * <p>
 * Strict implication always means a strictly larger closure, so the two rules never disagree and the order is
 * transitive. Entries requiring nothing come last.
 */
public final class Specificity implements Comparator<Collection<String>> {

	private final FeatureImplications implications;

	public Specificity(FeatureImplications implications) {
		this.implications = implications;
	}

	@Override
	public int compare(Collection<String> a, Collection<String> b) {
		Set<String> closureA = implications.closure(a);
		Set<String> closureB = implications.closure(b);
		boolean aCoversB = closureA.containsAll(b);
		boolean bCoversA = closureB.containsAll(a);
		if (aCoversB != bCoversA) {
			return aCoversB ? -1 : 1;
		}
		return Integer.compare(closureB.size(), closureA.size());
	}

	/** The most specific candidate, the first in list order among equals; empty when there are no candidates. */
	public <T> Optional<T> mostSpecific(List<T> candidates, Function<? super T, ? extends Collection<String>> required) {
		T best = null;
		for (T candidate : candidates) {
			if (best == null || compare(required.apply(candidate), required.apply(best)) < 0) {
				best = candidate;
			}
		}
		return Optional.ofNullable(best);
	}

}
