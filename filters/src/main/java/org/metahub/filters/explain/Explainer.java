package org.metahub.filters.explain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.EntryVerdict;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfile;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.Platform;
import org.metahub.filters.manifest.RewrittenList;
import org.metahub.filters.manifest.Selection;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

/**
 * Explains what a login receives for an image, from the same selection the rewriter applies: the verdicts come
 * from {@link IndexRewriter#select}, and the served digest from {@link IndexRewriter#rewrite} of that profile.
 */
public class Explainer {

	private final MachineProfiles profiles;

	private final ManifestSource source;

	private final IndexRewriter rewriter;

	public Explainer(MachineProfiles profiles, ManifestSource source, IndexRewriter rewriter) {
		this.profiles = profiles;
		this.source = source;
		this.rewriter = rewriter;
	}

	/**
	 * @throws OciException (as the Mono's error) 400 for a malformed image or missing login, 404 for an unknown
	 *         login, and the upstream's errors
	 */
	public Mono<Explanation> explain(String image, String login) {
		return Mono.defer(() -> {
			ImageReference reference = ImageReference.parse(image);
			if (login == null || login.isBlank()) {
				throw OciError.BAD_REQUEST.exception("the query parameter login is required");
			}
			MachineProfile machine = profiles.find(login)
				.orElseThrow(() -> OciError.NAME_UNKNOWN.exception("no machine type has login '" + login + "'",
						Map.of("login", login)));
			return source.fetch(reference.name(), reference.reference())
				.map(manifest -> explain(reference, machine, manifest));
		});
	}

	private Explanation explain(ImageReference reference, MachineProfile machine, FetchedManifest manifest) {
		String mediaType = manifest.contentType() == null ? null : MediaTypes.essence(manifest.contentType());
		if (!MediaTypes.isList(manifest.contentType())) {
			return explanation(reference, machine, manifest, mediaType, "not-a-list", List.of(), List.of(),
					manifest.digest(), null);
		}
		Selection selection = rewriter.select(manifest.bytes(), manifest.contentType(), machine);
		List<Explanation.Entry> entries = selection.verdicts().stream().map(Explainer::entry).toList();
		List<String> chosen = selection.chosen().map(Descriptor::digest).stream().toList();
		try {
			RewrittenList served = rewriter.rewrite(manifest.bytes(), manifest.contentType(), machine);
			String outcome = served.digest().equals(manifest.digest()) ? "unchanged" : "rewritten";
			return explanation(reference, machine, manifest, mediaType, outcome, entries, chosen, served.digest(), null);
		}
		catch (OciException ex) {
			return explanation(reference, machine, manifest, mediaType, "manifest-unknown", entries, chosen, null,
					ex.error().status().value() + " " + ex.error().code() + ": " + ex.getMessage());
		}
	}

	private static Explanation explanation(ImageReference reference, MachineProfile machine, FetchedManifest manifest,
			String mediaType, String outcome, List<Explanation.Entry> entries, List<String> chosen, String served,
			String error) {
		return new Explanation(reference.toString(), machine.login(), machine.name(), machine.platform().toString(),
				lower(machine.fallback()), lower(machine.resolve()), machine.declared(), machine.implied(), mediaType,
				manifest.digest(), outcome, entries, chosen, served, error);
	}

	private static Explanation.Entry entry(EntryVerdict verdict) {
		Descriptor entry = verdict.entry();
		return new Explanation.Entry(verdict.index(), entry.digest(), platform(entry.platform()), verdict.required(),
				verdict.verdict().label(), verdict.reason(), verdict.outrankedBy(),
				verdict.missing().isEmpty() ? null : verdict.missing());
	}

	private static String platform(Platform platform) {
		if (platform == null) {
			return null;
		}
		return platform.os() + "/" + platform.architecture() + (platform.variant() == null ? "" : "/" + platform.variant());
	}

	private static String lower(Enum<?> option) {
		return option.name().toLowerCase(Locale.ROOT);
	}

}
