package org.metahub.filters.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What matching decided for one machine and one list: a verdict per entry. The rewriter keeps exactly the
 * entries whose verdict is kept, and the explain endpoint shows the same verdicts, so the two cannot differ.
 *
 * @param machine the machine the list was matched for
 * @param verdicts one per entry, in list order
 */
public record Selection(MachineProfile machine, List<EntryVerdict> verdicts) {

	public Selection {
		verdicts = List.copyOf(verdicts);
	}

	/** The entry chosen for the machine's platform, or empty when none is (see {@link #fits()}). */
	public Optional<Descriptor> chosen() {
		return verdicts.stream().filter(v -> v.verdict() == Verdict.CHOSEN).map(EntryVerdict::entry).findFirst();
	}

	/** The entries the rewritten list keeps, in list order. */
	public List<Descriptor> kept() {
		return verdicts.stream().filter(v -> v.verdict().kept()).map(EntryVerdict::entry).toList();
	}

	/** Whether the list offers entries for the machine's platform. */
	public boolean offersPlatform() {
		return verdicts.stream().anyMatch(v -> v.verdict() != Verdict.OTHER_PLATFORM_KEPT);
	}

	/** Whether the list can be served: an entry was chosen, or the list has nothing for the machine's platform. */
	public boolean fits() {
		return chosen().isPresent() || !offersPlatform();
	}

}
