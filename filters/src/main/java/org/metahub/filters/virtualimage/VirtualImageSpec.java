package org.metahub.filters.virtualimage;

import java.nio.file.Path;
import java.util.List;

import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.Platform;

/**
 * One virtual image as a manifest spec declares it (manifest-tool's "from-spec" YAML).
 *
 * @param source the file it was read from, for messages
 * @param host the registry host of {@code image} as written, {@code null} for the default upstream; once
 *     {@link VirtualImages} has read the spec, the name of the configured upstream it is served under
 * @param name the repository name clients pull within that upstream, such as {@code qnib/bench}
 * @param tags the tags it answers to: the tag of {@code image} first, then {@code tags}, without repeats
 * @param components one entry per {@code manifests[i]}, in file order
 */
public record VirtualImageSpec(Path source, String host, String name, List<String> tags, List<Component> components) {

	public VirtualImageSpec {
		tags = List.copyOf(tags);
		components = List.copyOf(components);
	}

	/** The same spec served under the upstream of that name, by that repository name. */
	VirtualImageSpec servedUnder(String upstream, String repository) {
		return new VirtualImageSpec(source, upstream, repository, tags, components);
	}

	/** The name its index is stored and its digests remembered under: {@link ManifestStore#qualified}. */
	public String qualifiedName() {
		return ManifestStore.qualified(host, name);
	}

	/**
	 * One {@code manifests[i]} entry.
	 *
	 * @param reference the component image
	 * @param platform the platform the virtual index announces it for, features included
	 */
	public record Component(ComponentReference reference, Platform platform) {
	}

}
