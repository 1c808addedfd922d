package org.metahub.filters.virtualimage;

import java.util.List;
import java.util.Optional;

import org.metahub.filters.fetch.CachedManifest;
import org.metahub.filters.fetch.FetchOutcome;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds a virtual image's index from its components' current manifests, stores it under the virtual
 * name on its upstream, which it shadows (so that it can be fetched by its digest) and remembers where its manifests live. Not cached
 * itself: the component manifests are, with the tag freshness, so a moved component tag gives a new
 * index once its cached answer is no longer fresh, and an unchanged one the same bytes.
 */
public class VirtualIndexResolver {

	/** Every manifest media type: a component tag may name a list or an image. */
	static final String ACCEPT_ALL = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_LIST,
			MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);

	private final ComponentUpstreams components;

	private final VirtualIndexBuilder builder;

	private final ManifestStore store;

	private final VirtualDigestIndex digests;

	private final ManifestListParser parser = new ManifestListParser();

	public VirtualIndexResolver(ComponentUpstreams components, VirtualIndexBuilder builder, ManifestStore store,
			VirtualDigestIndex digests) {
		this.components = components;
		this.builder = builder;
		this.store = store;
		this.digests = digests;
	}

	/** A component that cannot be resolved fails the whole build: no index from a partial set. */
	public Mono<VirtualIndex> resolve(VirtualImageSpec spec) {
		List<VirtualImageSpec.Component> parts = spec.components();
		return Flux.range(0, parts.size())
			.flatMapSequential(i -> component(spec, i, parts.get(i)))
			.collectList()
			.map(manifests -> builder.build(spec, manifests))
			.flatMap(index -> store.save(spec.qualifiedName(), index.digest(), index.toStoredManifest())
				.then(Mono.fromRunnable(() -> digests.rememberIndex(spec.qualifiedName(), index)))
				.thenReturn(index));
	}

	/**
	 * Where a digest requested under the virtual name lives. The digest index is per replica memory, so on
	 * a miss (another replica handed the digest out, or this one restarted) the indexes of every declared
	 * tag are built again and their image manifests read for their blobs, then the index is asked once more.
	 */
	/** @param name the qualified virtual name ({@link VirtualImageSpec#qualifiedName}) */
	public Mono<Optional<ComponentLocation>> locate(VirtualImages images, String name, String digest) {
		Optional<ComponentLocation> known = digests.find(name, digest);
		if (known.isPresent()) {
			return Mono.just(known);
		}
		return Flux.fromIterable(images.tags(name))
			.flatMap(tag -> Mono.justOrEmpty(images.find(name, tag)))
			.distinct()
			.concatMap(this::resolve)
			.concatMap(index -> Flux.fromIterable(index.locations().entrySet()))
			.concatMap(entry -> components.fetch(entry.getValue(), entry.getKey(), ACCEPT_ALL)
				.doOnNext(outcome -> rememberBlobs(name, outcome, entry.getValue())))
			.then(Mono.fromSupplier(() -> digests.find(name, digest)));
	}

	private void rememberBlobs(String name, FetchOutcome outcome, ComponentLocation location) {
		if (outcome.manifest() != null && !MediaTypes.isList(outcome.manifest().contentType())) {
			digests.rememberBlobs(name, outcome.manifest().bytes(), location);
		}
	}

	private Mono<ComponentManifest> component(VirtualImageSpec spec, int i, VirtualImageSpec.Component component) {
		ComponentReference reference = component.reference();
		return components.fetch(reference.location(), reference.reference(), ACCEPT_ALL).map(outcome -> {
			CachedManifest manifest = manifest(spec, i, reference, outcome);
			if (MediaTypes.isList(manifest.contentType())) {
				return ComponentManifest.list(parser.parse(manifest.bytes()).manifests());
			}
			return ComponentManifest.image(manifest.contentType(), manifest.digest(), manifest.bytes().length);
		});
	}

	private static CachedManifest manifest(VirtualImageSpec spec, int i, ComponentReference reference,
			FetchOutcome outcome) {
		if (outcome.manifest() != null) {
			return outcome.manifest();
		}
		throw OciError.UPSTREAM_INVALID.exception("virtual image " + spec.name() + " (" + spec.source()
				+ "): component manifests[" + i + "] " + reference + " answered HTTP " + outcome.passThrough().status(),
				reference.toString());
	}

}
