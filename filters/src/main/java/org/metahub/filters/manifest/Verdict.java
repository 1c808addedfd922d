package org.metahub.filters.manifest;

import java.util.Locale;

/** What selection decided about one entry of a list, and whether the rewritten list keeps it. */
public enum Verdict {

	/** The entry the machine gets for its platform. */
	CHOSEN(true),
	/** The machine runs it, but a more specific entry (or an earlier equal one) won. */
	COMPATIBLE(false),
	/** The machine lacks features the entry requires. */
	INCOMPATIBLE(false),
	/** An entry requiring nothing, unused because a more specific entry fits. */
	FALLBACK(false),
	/** An entry requiring nothing, not used because the machine type has {@code fallback: none}. */
	FALLBACK_DISABLED(false),
	/** An entry for another platform, kept unchanged: this machine never runs it. */
	OTHER_PLATFORM_KEPT(true);

	private final boolean kept;

	Verdict(boolean kept) {
		this.kept = kept;
	}

	/** Whether the rewritten list keeps the entry. */
	public boolean kept() {
		return kept;
	}

	/** The name in explanations, such as {@code other-platform-kept}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
