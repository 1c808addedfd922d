package org.metahub.filters.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.metahub.config.MachineType;
import org.metahub.filters.features.FeatureImplications;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

/**
 * Decides, for a machine and a list, what happens to each entry. Entries for the machine's platform compete as
 * one group (amd64 variants included, their level counting as a required feature): an entry is compatible when
 * the machine's features, implications followed, include all it requires; the most specific compatible entry
 * is chosen, list order breaking ties; an entry requiring nothing serves only when nothing else fits and the
 * machine type allows a fallback. Entries for other platforms are kept. Pure and deterministic.
 */
public final class FeatureMatcher {

	private final FeatureImplications implications;

	private final EntryRanking ranking;

	/** A matcher with the built-in implications only. */
	public FeatureMatcher() {
		this(FeatureImplications.builtIn());
	}

	public FeatureMatcher(FeatureImplications implications) {
		this.implications = implications;
		this.ranking = new EntryRanking(implications);
	}

	public FeatureImplications implications() {
		return implications;
	}

	/** The verdict on every entry; never throws, so that a failure can be explained too. */
	public Selection select(List<Descriptor> entries, MachineProfile machine) {
		List<Candidate> specific = new ArrayList<>();
		List<Candidate> generic = new ArrayList<>();
		EntryVerdict[] verdicts = new EntryVerdict[entries.size()];
		for (int i = 0; i < entries.size(); i++) {
			Descriptor entry = entries.get(i);
			List<String> required = List.copyOf(Amd64Levels.required(entry));
			if (!machine.platform().runs(entry)) {
				verdicts[i] = verdict(i, entry, required, Verdict.OTHER_PLATFORM_KEPT, "for " + platformOf(entry)
						+ ", not this machine's " + machine.platform() + ": kept unchanged", null, List.of());
				continue;
			}
			List<String> missing = new TreeSet<>(required).stream().filter(f -> !machine.features().contains(f)).toList();
			if (!missing.isEmpty()) {
				verdicts[i] = verdict(i, entry, required, Verdict.INCOMPATIBLE,
						"the machine lacks " + missing + levelNote(entry), null, missing);
			}
			else if (required.isEmpty() && machine.fallback() == MachineType.Fallback.NONE) {
				verdicts[i] = verdict(i, entry, required, Verdict.FALLBACK_DISABLED,
						"requires no features, and this machine type has fallback: none", null, List.of());
			}
			else {
				(required.isEmpty() ? generic : specific).add(new Candidate(i, entry, required));
			}
		}
		Candidate winner = ranking.best(specific, Candidate::required)
			.orElse(generic.isEmpty() ? null : generic.get(0));
		for (Candidate candidate : specific) {
			verdicts[candidate.index()] = candidate == winner ? chosen(candidate, specific.size() > 1)
					: outranked(candidate, winner);
		}
		for (Candidate candidate : generic) {
			if (candidate == winner) {
				verdicts[candidate.index()] = verdict(candidate.index(), candidate.entry(), List.of(), Verdict.CHOSEN,
						"no entry with features fits; requires nothing, so it serves as the fallback", null, List.of());
			}
			else if (winner.required().isEmpty()) {
				verdicts[candidate.index()] = verdict(candidate.index(), candidate.entry(), List.of(),
						Verdict.COMPATIBLE, "requires nothing, like " + winner.entry().digest()
								+ ", which comes first in the list", winner.entry().digest(), List.of());
			}
			else {
				verdicts[candidate.index()] = verdict(candidate.index(), candidate.entry(), List.of(), Verdict.FALLBACK,
						"requires nothing; unused because " + winner.entry().digest() + " fits",
						winner.entry().digest(), List.of());
			}
		}
		return new Selection(machine, List.of(verdicts));
	}

	/**
	 * The entries a machine with these features keeps, for callers that know no machine type (default options).
	 * @param machineFeatures the machine's declared features; their implications are followed here
	 * @throws OciException {@code MANIFEST_UNKNOWN} when no entry fits
	 */
	public List<Descriptor> select(List<Descriptor> entries, Set<String> machineFeatures) {
		Selection selection = select(entries, MachineProfile.ofFeatures(machineFeatures, implications));
		requireFit(selection);
		return selection.kept();
	}

	/** @throws OciException {@code MANIFEST_UNKNOWN} when the list offers the machine's platform but nothing fits */
	public static void requireFit(Selection selection) {
		if (selection.fits()) {
			return;
		}
		MachineProfile machine = selection.machine();
		List<List<String>> offered = selection.verdicts().stream()
			.filter(v -> v.verdict() != Verdict.OTHER_PLATFORM_KEPT)
			.map(v -> List.copyOf(new TreeSet<>(v.required())))
			.distinct()
			.toList();
		List<String> declared = List.copyOf(new TreeSet<>(machine.declared()));
		String who = machine.login() == null ? "this machine type" : "machine type '" + machine.name() + "'";
		String fallback = machine.fallback() == MachineType.Fallback.NONE ? " (fallback: none)" : "";
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("machineFeatures", declared);
		detail.put("offeredFeatures", offered);
		throw OciError.MANIFEST_UNKNOWN.exception("no entry of the manifest list fits " + who + fallback
				+ ": it has features " + declared + ", the entries for " + machine.platform() + " require " + offered,
				detail);
	}

	private EntryVerdict chosen(Candidate winner, boolean competed) {
		String reason = competed ? "the most specific compatible entry: requires " + winner.required()
				: "the only compatible entry with features: requires " + winner.required();
		return verdict(winner.index(), winner.entry(), winner.required(), Verdict.CHOSEN, reason, null, List.of());
	}

	private EntryVerdict outranked(Candidate loser, Candidate winner) {
		String digest = winner.entry().digest();
		String reason;
		if (!ranking.moreSpecific(winner.required(), loser.required())) {
			reason = "as specific as " + digest + ", which comes first in the list";
		}
		else if (implications.closure(winner.required()).containsAll(loser.required())) {
			reason = "outranked by " + digest + ", whose features " + winner.required() + " imply " + loser.required();
		}
		else {
			reason = "outranked by " + digest + ", whose features " + winner.required() + " imply more features";
		}
		return verdict(loser.index(), loser.entry(), loser.required(), Verdict.COMPATIBLE, reason, digest, List.of());
	}

	private static String levelNote(Descriptor entry) {
		String level = Amd64Levels.impliedFeature(entry);
		return level == null ? "" : " (" + level + " from its amd64 variant " + entry.platform().variant() + ")";
	}

	private static String platformOf(Descriptor entry) {
		Platform platform = entry.platform();
		if (platform == null) {
			return "no platform";
		}
		return platform.os() + "/" + platform.architecture() + (platform.variant() == null ? "" : "/" + platform.variant());
	}

	private static EntryVerdict verdict(int index, Descriptor entry, List<String> required, Verdict verdict,
			String reason, String outrankedBy, List<String> missing) {
		return new EntryVerdict(index, entry, required, verdict, reason, outrankedBy, missing);
	}

	private record Candidate(int index, Descriptor entry, List<String> required) {
	}

}
