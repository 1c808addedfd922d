package org.metahub.filters.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The media types a request's {@code Accept} takes: exact types and {@code type/*} or {@code *}{@code /*}
 * ranges, {@code q=0} excluded. A request without {@code Accept} takes Docker schema 2 and OCI image manifests,
 * what every client that sends none can read.
 */
public final class AcceptedTypes {

	/**
	 * What the gateway asks upstreams for: every modern type, so that no registry converts to schema 1, and
	 * {@code *}{@code /*} last for artifacts of other manifest types, which are served as stored.
	 */
	public static final String UPSTREAM_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_LIST,
			MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST, "*/*");

	private static final AcceptedTypes WITHOUT_ACCEPT = new AcceptedTypes(
			List.of(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST), List.of());

	private final List<String> ranges;

	private final List<String> refused;

	private AcceptedTypes(List<String> ranges, List<String> refused) {
		this.ranges = List.copyOf(ranges);
		this.refused = List.copyOf(refused);
	}

	/** @param accept the request's Accept values joined by commas, or {@code null} */
	public static AcceptedTypes of(String accept) {
		if (accept == null || accept.isBlank()) {
			return WITHOUT_ACCEPT;
		}
		List<String> ranges = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (String value : accept.split(",")) {
			if (!value.isBlank()) {
				(refused(value) ? refused : ranges).add(MediaTypes.essence(value));
			}
		}
		return new AcceptedTypes(ranges, refused);
	}

	public boolean accepts(String contentType) {
		String type = MediaTypes.essence(contentType);
		String major = type.substring(0, Math.max(type.indexOf('/'), 0));
		return !refused.contains(type) && ranges.stream()
			.anyMatch(range -> range.equals(type) || range.equals("*/*") || range.equals(major + "/*"));
	}

	/** The ranges taken, in the request's order, for error messages. */
	public List<String> ranges() {
		return ranges;
	}

	// "q=0" means not acceptable
	private static boolean refused(String value) {
		for (String parameter : value.split(";")) {
			String trimmed = parameter.trim().toLowerCase(Locale.ROOT).replace(" ", "");
			if (trimmed.startsWith("q=")) {
				return trimmed.matches("q=0(\\.0{0,3})?");
			}
		}
		return false;
	}

}
