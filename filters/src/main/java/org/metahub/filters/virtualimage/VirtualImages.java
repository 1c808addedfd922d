package org.metahub.filters.virtualimage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The virtual images the gateway serves, by name and tag. A virtual name shadows an upstream repository
 * of the same name: every request for it is answered from the spec, and a tag the spec does not declare
 * is unknown.
 */
public final class VirtualImages {

	private record Key(String name, String tag) {
	}

	private final Map<Key, VirtualImageSpec> byTag;

	private final Map<String, List<String>> tagsByName;

	/** @throws InvalidVirtualImageSpecException when two specs declare the same image and tag */
	public VirtualImages(List<VirtualImageSpec> specs) {
		Map<Key, VirtualImageSpec> tags = new LinkedHashMap<>();
		Map<String, List<String>> names = new LinkedHashMap<>();
		for (VirtualImageSpec spec : specs) {
			for (String tag : spec.tags()) {
				VirtualImageSpec earlier = tags.putIfAbsent(new Key(spec.name(), tag), spec);
				if (earlier != null) {
					String field = tag.equals(spec.tags().get(0)) ? "image" : "tags";
					throw InvalidVirtualImageSpecException.of(spec.source(), field,
							spec.name() + ":" + tag + " is also declared by " + earlier.source());
				}
				names.computeIfAbsent(spec.name(), name -> new ArrayList<>()).add(tag);
			}
		}
		this.byTag = Collections.unmodifiableMap(tags);
		Map<String, List<String>> frozen = new LinkedHashMap<>();
		names.forEach((name, list) -> frozen.put(name, List.copyOf(list.stream().sorted().toList())));
		this.tagsByName = Collections.unmodifiableMap(frozen);
	}

	/** No virtual images: {@code metahub.virtual-images.location} is unset. */
	public static VirtualImages none() {
		return new VirtualImages(List.of());
	}

	/** The spec that declares {@code name:tag}, or empty. */
	public Optional<VirtualImageSpec> find(String name, String tag) {
		return Optional.ofNullable(byTag.get(new Key(name, tag)));
	}

	/** Whether the name is a virtual image, which shadows any upstream repository of that name. */
	public boolean isVirtual(String name) {
		return tagsByName.containsKey(name);
	}

	/** The virtual image names, in the order their specs were read. */
	public Set<String> names() {
		return tagsByName.keySet();
	}

	/** The tags of a virtual name, sorted (for {@code /v2/<name>/tags/list}); empty for other names. */
	public List<String> tags(String name) {
		return tagsByName.getOrDefault(name, List.of());
	}

	public boolean isEmpty() {
		return byTag.isEmpty();
	}

}
