package org.metahub.filters.virtualimage;

import java.nio.file.Path;
import java.util.List;

import org.metahub.filters.manifest.Platform;

/**
 * One virtual image as a manifest spec declares it (manifest-tool's "from-spec" YAML).
 *
 * @param source the file it was read from, for messages
 * @param name the repository name clients pull, such as {@code qnib/bench}
 * @param tags the tags it answers to: the tag of {@code image} first, then {@code tags}, without repeats
 * @param components one entry per {@code manifests[i]}, in file order
 */
public record VirtualImageSpec(Path source, String name, List<String> tags, List<Component> components) {

	public VirtualImageSpec {
		tags = List.copyOf(tags);
		components = List.copyOf(components);
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
