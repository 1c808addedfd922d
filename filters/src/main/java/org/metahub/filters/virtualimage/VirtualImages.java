package org.metahub.filters.virtualimage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.upstream.UpstreamRoute;

/**
 * The virtual images the gateway serves, by upstream, name and tag. A spec's {@code image} may name a
 * configured upstream's host ({@code docker.io/qnib/bench}, as manifest-tool specs do); it is then served
 * under that upstream, the default one's by the plain name. A virtual name shadows the upstream repository
 * of the same name: every request for it is answered from the spec, and a tag the spec does not declare is
 * unknown.
 */
public final class VirtualImages {

	private record Key(String name, String tag) {
	}

	private static final String DOCKER_HUB_OFFICIAL = "library/";

	private final Upstreams upstreams;

	private final Map<Key, VirtualImageSpec> byTag;

	private final Map<String, List<String>> tagsByName;

	/**
	 * @throws InvalidVirtualImageSpecException when a spec names a host that is no configured upstream, or
	 *     two specs declare the same image and tag
	 */
	public VirtualImages(List<VirtualImageSpec> specs, Upstreams upstreams) {
		this.upstreams = upstreams;
		Map<Key, VirtualImageSpec> tags = new LinkedHashMap<>();
		Map<String, List<String>> names = new LinkedHashMap<>();
		for (VirtualImageSpec written : specs) {
			VirtualImageSpec spec = served(written);
			for (String tag : spec.tags()) {
				VirtualImageSpec earlier = tags.putIfAbsent(new Key(spec.qualifiedName(), tag), spec);
				if (earlier != null) {
					String field = tag.equals(spec.tags().get(0)) ? "image" : "tags";
					throw InvalidVirtualImageSpecException.of(spec.source(), field,
							spec.name() + ":" + tag + " is also declared by " + earlier.source());
				}
				names.computeIfAbsent(spec.qualifiedName(), name -> new ArrayList<>()).add(tag);
			}
		}
		this.byTag = Collections.unmodifiableMap(tags);
		Map<String, List<String>> frozen = new LinkedHashMap<>();
		names.forEach((name, list) -> frozen.put(name, List.copyOf(list.stream().sorted().toList())));
		this.tagsByName = Collections.unmodifiableMap(frozen);
	}

	/** No virtual images: {@code metahub.virtual-images.location} is unset. */
	public static VirtualImages none() {
		return new VirtualImages(List.of(), null);
	}

	private VirtualImageSpec served(VirtualImageSpec spec) {
		UpstreamProperties upstream = spec.host() == null ? upstreams.defaultUpstream()
				: upstreams.find(spec.host()).orElseThrow(() -> InvalidVirtualImageSpecException.of(spec.source(),
						"image", "'" + spec.host() + "/" + spec.name() + "' names the registry host '" + spec.host()
								+ "', which is not one of metahub.upstreams " + upstreamNames()
								+ "; configure that upstream, or name the image without a host to serve it "
								+ "under the default upstream"));
		return spec.servedUnder(upstream.name(), shortName(upstream, spec.name()));
	}

	private List<String> upstreamNames() {
		return upstreams.all().stream().map(UpstreamProperties::name).toList();
	}

	/**
	 * The qualified name a request addresses, when it is virtual: a default upstream's image only when the
	 * request names no upstream (so that the upstream's own repository stays reachable by naming it),
	 * another upstream's when the request names that upstream (path prefix or {@code ns}).
	 * @param route the request's route, {@code null} for the default upstream
	 * @return the qualified name ({@link VirtualImageSpec#qualifiedName}), or empty when not virtual
	 */
	public Optional<String> addressed(UpstreamRoute route, String name) {
		if (tagsByName.isEmpty() || name == null) {
			return Optional.empty();
		}
		UpstreamProperties upstream = route == null ? upstreams.defaultUpstream() : route.upstream();
		if (upstream.isDefault() && route != null && route.form() != UpstreamRoute.Form.DEFAULT) {
			return Optional.empty();
		}
		String qualified = ManifestStore.qualified(upstream.name(),
				shortName(upstream, name));
		return tagsByName.containsKey(qualified) ? Optional.of(qualified) : Optional.empty();
	}

	// Docker Hub names its official images library/x, which clients pull as x
	private static String shortName(UpstreamProperties upstream, String name) {
		if (upstream.isDockerHub() && name.startsWith(DOCKER_HUB_OFFICIAL)
				&& name.indexOf('/', DOCKER_HUB_OFFICIAL.length()) < 0) {
			return name.substring(DOCKER_HUB_OFFICIAL.length());
		}
		return name;
	}

	/** The spec that declares {@code tag} of the qualified name, or empty. */
	public Optional<VirtualImageSpec> find(String qualifiedName, String tag) {
		return Optional.ofNullable(byTag.get(new Key(qualifiedName, tag)));
	}

	/** The qualified names of the virtual images ({@code docker.io/qnib/bench}), in the order their specs were read. */
	public Set<String> names() {
		return tagsByName.keySet();
	}

	/** The tags of a qualified name, sorted (for {@code /v2/<name>/tags/list}); empty for other names. */
	public List<String> tags(String qualifiedName) {
		return tagsByName.getOrDefault(qualifiedName, List.of());
	}

	public boolean isEmpty() {
		return byTag.isEmpty();
	}

}
