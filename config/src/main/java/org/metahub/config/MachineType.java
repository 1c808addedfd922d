package org.metahub.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * One kind of host: the login it pulls with, the features it offers and how lists are chosen for it
 * ({@code metahub.machine-types[]}).
 *
 * @param name name used in logs and metrics
 * @param login user name the machine presents
 * @param password password in Spring Security's delegating format, such as {@code {bcrypt}$2a$...}
 * @param features host features, such as {@code cpu:skylake} or {@code nvcap:8.0}
 * @param fallback whether an entry requiring no features serves when nothing more specific fits
 * @param resolve what a tag resolves to: the rewritten list, or the chosen image manifest itself
 * @param platform the platform the machine runs, {@code os/architecture[/variant]}; its entries are matched
 * @param pinned what a pull by the upstream list's digest gets: the upstream list, or an error
 */
public record MachineType(String name, String login, String password, List<String> features, Fallback fallback,
		Resolve resolve, String platform, Pinned pinned) {

	/** The platform of a machine type that names none. */
	public static final String DEFAULT_PLATFORM = "linux/amd64";


	// os and architecture as GOOS/GOARCH spell them, an optional variant such as v8 or v3
	private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");

	/** Whether an entry requiring no features is a fallback ({@code metahub.machine-types[].fallback}). */
	public enum Fallback {

		/** An entry without features serves when nothing more specific fits (the default). */
		GENERIC,
		/** Entries without features are not used: no compatible entry means {@code 404 MANIFEST_UNKNOWN}. */
		NONE

	}

	/** What a pull by tag resolves to ({@code metahub.machine-types[].resolve}). */
	public enum Resolve {

		/** The list, rewritten to hold the chosen entry (the default). */
		LIST,
		/** The chosen image manifest itself, for clients that cannot be trusted to pick from a list. */
		IMAGE

	}

	/** What a pull pinned to the upstream list's digest gets ({@code metahub.machine-types[].pinned}). */
	public enum Pinned {

		/** The upstream list unchanged: the client verifies the bytes, so they cannot be rewritten (the default). */
		PASSTHROUGH,
		/** An error, so that no machine silently runs an entry not chosen for it. */
		REJECT

	}

	public MachineType {
		if (login == null || login.isBlank()) {
			throw new IllegalArgumentException("metahub.machine-types: every machine type needs a login");
		}
		if (name == null || name.isBlank()) {
			name = login;
		}
		PasswordFormat.check(password, "metahub.machine-types: the password of login '" + login + "'");
		features = features == null ? List.of() : List.copyOf(features);
		for (String feature : features) {
			if (feature == null || feature.isBlank()) {
				throw new IllegalArgumentException(
						"metahub.machine-types[].features: login '" + login + "' lists a blank feature");
			}
		}
		fallback = fallback == null ? Fallback.GENERIC : fallback;
		resolve = resolve == null ? Resolve.LIST : resolve;
		platform = platform == null || platform.isBlank() ? DEFAULT_PLATFORM : platform.strip();
		if (!PLATFORM.matcher(platform).matches()) {
			throw new IllegalArgumentException("metahub.machine-types[].platform: login '" + login
					+ "' has platform '" + platform + "'; write os/architecture[/variant], such as linux/arm64/v8");
		}
		pinned = pinned == null ? Pinned.PASSTHROUGH : pinned;
	}

	/** A machine type with the default options, as before options existed. */
	public MachineType(String name, String login, String password, List<String> features) {
		this(name, login, password, features, (Fallback) null, (Resolve) null, (String) null, (Pinned) null);
	}

	/**
	 * What configuration binds: the options as text, so that a wrong value stops start-up with a message naming
	 * the key, the login and the allowed values.
	 */
	@ConstructorBinding
	public MachineType(String name, String login, String password, List<String> features, String fallback,
			String resolve, String platform, String pinned) {
		this(name, login, password, features, option(Fallback.class, "fallback", fallback, login),
				option(Resolve.class, "resolve", resolve, login), platform,
				option(Pinned.class, "pinned", pinned, login));
	}

	private static <E extends Enum<E>> E option(Class<E> type, String key, String value, String login) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value.strip())) {
				return constant;
			}
		}
		List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
			.map(constant -> constant.name().toLowerCase(Locale.ROOT))
			.toList();
		throw new IllegalArgumentException("metahub.machine-types[]." + key + ": login '" + login + "' has '" + value
				+ "'; allowed are " + allowed);
	}

	@Override
	public String toString() {
		return "MachineType[name=" + name + ", login=" + login + ", features=" + features + ", fallback="
				+ fallback.name().toLowerCase(Locale.ROOT) + ", resolve=" + resolve.name().toLowerCase(Locale.ROOT)
				+ ", platform=" + platform + ", pinned=" + pinned.name().toLowerCase(Locale.ROOT) + "]";
	}

}
