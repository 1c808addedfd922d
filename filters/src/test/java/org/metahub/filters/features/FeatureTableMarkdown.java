package org.metahub.filters.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders the built-in table as the Markdown table of docs/feature-implications.md. */
final class FeatureTableMarkdown {

	private static final List<String> LEVELS = List.of("cpu:x86-64-v4", "cpu:x86-64-v3", "cpu:x86-64-v2", "cpu:x86-64");

	private FeatureTableMarkdown() {
	}

	static String render(FeatureImplications implications) {
		StringBuilder out = new StringBuilder();
		out.append("| Feature | Extensions: base + added | Highest level | Implies next (and all they imply) | Same set as |\n");
		out.append("|---|---|---|---|---|\n");
		for (X86Microarchitecture arch : X86Microarchitectures.all()) {
			String name = arch.feature();
			String base = arch.base() == null ? "" : "`" + arch.base() + "` + ";
			String added = arch.added().isEmpty() ? "nothing" : String.join(", ", arch.added());
			String level = LEVELS.stream().filter(l -> implications.implies(name, l)).findFirst()
				.map(l -> "`" + l + "`").orElse("");
			out.append("| `").append(name).append("` | ").append(base).append(added).append(" | ").append(level)
				.append(" | ").append(codes(next(implications, name))).append(" | ")
				.append(codes(equivalents(implications, name))).append(" |\n");
		}
		return out.toString();
	}

	/** The implied names with no other strictly implied name above them: the next rungs down. */
	private static List<String> next(FeatureImplications implications, String name) {
		List<String> below = new ArrayList<>();
		for (String implied : implications.closure(List.of(name))) {
			if (!implications.implies(implied, name)) {
				below.add(implied);
			}
		}
		return below.stream()
			.filter(candidate -> below.stream().noneMatch(other -> implications.implies(other, candidate)
					&& !implications.implies(candidate, other)))
			.toList();
	}

	private static List<String> equivalents(FeatureImplications implications, String name) {
		return implications.closure(List.of(name)).stream()
			.filter(other -> !other.equals(name) && implications.implies(other, name))
			.toList();
	}

	private static String codes(List<String> features) {
		return features.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "));
	}

	static Set<String> names() {
		return X86Microarchitectures.all().stream().map(X86Microarchitecture::feature).collect(Collectors.toSet());
	}

}
