package org.metahub.filters.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.metahub.config.MachineType;
import org.metahub.filters.oci.Digests;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The hashes an unknown login is checked against, so that it costs the same work as a wrong password:
 * one of the same algorithm and cost (bcrypt's cost read from the stored hash) for each kind of hash
 * the machine types use. With several kinds, a login is assigned one by a keyed hash of the login,
 * keyed by the configured hashes: the same on every replica and restart, unknown to an outsider.
 */
final class DummyHashes {

	private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}(\\$2[aby])\\$(\\d\\d)\\$.*", Pattern.DOTALL);

	private static final Pattern ID = Pattern.compile("^\\{([^}]*)}.*", Pattern.DOTALL);

	private static final String DEFAULT_KIND = "{bcrypt}";

	private final List<String> kinds;

	private final SecretKeySpec key;

	private final Map<String, String> dummies = new ConcurrentHashMap<>();

	DummyHashes(List<MachineType> machineTypes) {
		List<String> configured = machineTypes.stream().map(type -> kind(type.password())).distinct().toList();
		this.kinds = configured.isEmpty() ? List.of(DEFAULT_KIND) : configured;
		var digest = Digests.newSha256();
		machineTypes.forEach(type -> digest.update((type.password() + "\n").getBytes(StandardCharsets.UTF_8)));
		this.key = new SecretKeySpec(digest.digest(), "HmacSHA256");
	}

	/** A hash of the kind assigned to the login; made on first use, where a bcrypt hash costs a tenth of a second. */
	String forUnknown(String login) {
		String kind = kinds.size() == 1 ? kinds.get(0) : kinds.get(Math.floorMod(keyedHash(login), kinds.size()));
		return dummies.computeIfAbsent(kind, DummyHashes::dummy);
	}

	/** {@code {bcrypt}$2a$12$} for bcrypt (version and cost), else {@code {id}}. */
	static String kind(String password) {
		Matcher bcrypt = BCRYPT.matcher(password);
		if (bcrypt.matches()) {
			return "{bcrypt}" + bcrypt.group(1) + "$" + bcrypt.group(2) + "$";
		}
		Matcher id = ID.matcher(password);
		return id.matches() && PasswordEncoders.byId().containsKey(id.group(1)) ? "{" + id.group(1) + "}" : DEFAULT_KIND;
	}

	private static String dummy(String kind) {
		String secret = OpaqueTokens.newToken();
		Matcher bcrypt = BCRYPT.matcher(kind);
		if (bcrypt.matches()) {
			var version = switch (bcrypt.group(1)) {
				case "$2b" -> BCryptPasswordEncoder.BCryptVersion.$2B;
				case "$2y" -> BCryptPasswordEncoder.BCryptVersion.$2Y;
				default -> BCryptPasswordEncoder.BCryptVersion.$2A;
			};
			return "{bcrypt}" + new BCryptPasswordEncoder(version, Integer.parseInt(bcrypt.group(2))).encode(secret);
		}
		String id = kind.substring(1, kind.length() - 1);
		PasswordEncoder encoder = PasswordEncoders.byId().get(id);
		return kind + encoder.encode(secret);
	}

	private int keyedHash(String login) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] hash = mac.doFinal(login.getBytes(StandardCharsets.UTF_8));
			return ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

}
