package org.metahub.filters.manifest;

import java.util.Objects;

/**
 * The platform a machine runs, and which list entries are for it. On amd64 every variant is for it, since the
 * variant is an x86-64 level that matching treats as a required feature ({@link Amd64Levels}); on arm64 no
 * variant means {@code v8}; elsewhere a machine that names a variant takes only entries of that variant.
 *
 * @param os operating system, such as {@code linux}
 * @param architecture architecture, such as {@code amd64}
 * @param variant variant, or {@code null}
 */
public record TargetPlatform(String os, String architecture, String variant) {

	/** Parses {@code os/architecture[/variant]}, as validated by {@link org.metahub.config.MachineType}. */
	public static TargetPlatform parse(String text) {
		String[] parts = text.split("/");
		if (parts.length < 2 || parts.length > 3) {
			throw new IllegalArgumentException("a platform is os/architecture[/variant], got '" + text + "'");
		}
		return new TargetPlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
	}

	/** Whether clients of this platform take the entry. */
	public boolean runs(Descriptor entry) {
		Platform platform = entry.platform();
		if (platform == null || !os.equals(platform.os()) || !architecture.equals(platform.architecture())) {
			return false;
		}
		if (Amd64Levels.AMD64.equals(architecture) || variant == null) {
			return true;
		}
		return Objects.equals(normalized(variant), normalized(platform.variant()));
	}

	private String normalized(String value) {
		return value == null && "arm64".equals(architecture) ? "v8" : value;
	}

	@Override
	public String toString() {
		return os + "/" + architecture + (variant == null ? "" : "/" + variant);
	}

}
