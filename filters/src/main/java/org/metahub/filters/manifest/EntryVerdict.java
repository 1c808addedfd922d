package org.metahub.filters.manifest;

import java.util.List;

/**
 * Selection's decision about one entry, with the reason in words.
 *
 * @param index position in the list, from 0
 * @param entry the entry
 * @param required what a host must have to run it: its features plus an amd64 variant's x86-64 level
 * @param verdict the decision
 * @param reason why, in one sentence
 * @param outrankedBy the digest of the chosen entry, for a compatible or fallback entry; else {@code null}
 * @param missing the required features the machine lacks, sorted; empty unless incompatible
 */
public record EntryVerdict(int index, Descriptor entry, List<String> required, Verdict verdict, String reason,
		String outrankedBy, List<String> missing) {

	public EntryVerdict {
		required = List.copyOf(required);
		missing = List.copyOf(missing);
	}

}
