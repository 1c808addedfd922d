package org.metahub.filters.manifest;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.metahub.filters.features.FeatureImplications;
import org.metahub.filters.features.Specificity;

/**
 * Which of the compatible entries of one platform wins: the most specific one, whose required features imply
 * the others' ({@link Specificity}); the earlier entry wins what is still tied.
 */
public final class EntryRanking {

	private final Specificity specificity;

	public EntryRanking(FeatureImplications implications) {
		this.specificity = new Specificity(implications);
	}

	/** The winner among candidates in list order, or empty when there are none. */
	public <T> Optional<T> best(List<T> candidates, Function<? super T, ? extends Collection<String>> required) {
		return specificity.mostSpecific(candidates, required);
	}

	/** Whether {@code a} is strictly more specific than {@code b}, rather than winning by list order. */
	public boolean moreSpecific(Collection<String> a, Collection<String> b) {
		return specificity.compare(a, b) < 0;
	}

}
