package org.metahub.filters.manifest;

import java.util.Comparator;

/** Which of two compatible entries of one platform wins: the greater one. Ties go to the earlier entry. */
public final class EntryRanking {

	/** The entry built for the most specific host wins: the one that requires the most features. */
	public static final Comparator<Descriptor> MOST_FEATURES = Comparator
		.comparingInt(entry -> entry.requiredFeatures().size());

	private EntryRanking() {
	}

}
