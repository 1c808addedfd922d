package org.metahub.filters.virtualimage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.Platform;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.oci.MediaTypes;
import org.metahub.filters.oci.OciError;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OCI image index of a virtual image from its components' current manifests. Pure and
 * deterministic: the same spec and manifests give the same bytes, so every replica serves one digest.
 */
public final class VirtualIndexBuilder {

	/** The annotation on each entry that names the component reference it was built from. */
	public static final String COMPONENT_ANNOTATION = "org.metahub.virtual.component";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param spec the virtual image
	 * @param manifests what each of {@code spec.components()} resolves to, in the same order
	 * @throws IllegalArgumentException when the manifests do not line up with the components
	 * @throws org.metahub.filters.oci.OciException ({@code UPSTREAM_INVALID}) when a component is a list
	 *     without an entry for its platform
	 */
	public VirtualIndex build(VirtualImageSpec spec, List<ComponentManifest> manifests) {
		if (manifests.size() != spec.components().size()) {
			throw new IllegalArgumentException("virtual image " + spec.name() + " has " + spec.components().size()
					+ " components but " + manifests.size() + " manifests were given");
		}
		ObjectNode root = JSON.createObjectNode();
		root.put("schemaVersion", 2);
		root.put("mediaType", MediaTypes.OCI_INDEX);
		ArrayNode entries = root.putArray("manifests");
		Map<String, ComponentLocation> locations = new LinkedHashMap<>();
		for (int i = 0; i < manifests.size(); i++) {
			VirtualImageSpec.Component component = spec.components().get(i);
			ComponentManifest.Image image = resolve(spec, i, component, Objects.requireNonNull(manifests.get(i)));
			entries.add(entry(component, image));
			locations.putIfAbsent(image.digest(), component.reference().location());
		}
		byte[] bytes = JSON.writeValueAsBytes(root);
		return new VirtualIndex(bytes, Digests.sha256(bytes), MediaTypes.OCI_INDEX, locations);
	}

	private static ComponentManifest.Image resolve(VirtualImageSpec spec, int index, VirtualImageSpec.Component component,
			ComponentManifest manifest) {
		if (manifest instanceof ComponentManifest.Image image) {
			return image;
		}
		List<Descriptor> entries = ((ComponentManifest.ListEntries) manifest).entries();
		return PlatformEntry.pick(entries, component.platform())
			.flatMap(VirtualIndexBuilder::image)
			.orElseThrow(() -> OciError.UPSTREAM_INVALID.exception("virtual image " + spec.name() + " ("
					+ spec.source() + "): component manifests[" + index + "] " + component.reference()
					+ " is a list without a complete entry for " + PlatformEntry.describe(component.platform()),
					component.reference().toString()));
	}

	/** The entry as an image manifest, or empty when it lacks a field or points at another list. */
	private static Optional<ComponentManifest.Image> image(Descriptor entry) {
		if (entry.mediaType() == null || entry.digest() == null || entry.size() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new ComponentManifest.Image(entry.mediaType(), entry.digest(), entry.size()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static ObjectNode entry(VirtualImageSpec.Component component, ComponentManifest.Image image) {
		ObjectNode entry = JSON.createObjectNode();
		entry.put("mediaType", image.mediaType());
		entry.put("digest", image.digest());
		entry.put("size", image.size());
		Platform platform = component.platform();
		ObjectNode platformNode = entry.putObject("platform");
		platformNode.put("architecture", platform.architecture());
		platformNode.put("os", platform.os());
		if (platform.variant() != null) {
			platformNode.put("variant", platform.variant());
		}
		if (!platform.features().isEmpty()) {
			ArrayNode features = platformNode.putArray("features");
			platform.features().forEach(features::add);
		}
		ObjectNode annotations = entry.putObject("annotations");
		annotations.put(COMPONENT_ANNOTATION, component.reference().toString());
		if (!platform.features().isEmpty()) {
			annotations.put(Descriptor.FEATURES_ANNOTATION, String.join(",", platform.features()));
		}
		return entry;
	}

}
