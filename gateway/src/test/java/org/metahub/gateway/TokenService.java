package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.json.JsonMapper;

/**
 * A token service as distribution's {@code auth.token} expects: RS256 JWTs signed by a key whose
 * self-signed certificate (made with the JDK's keytool) is the registry's root bundle and travels in
 * the {@code x5c} header. It grants what each request's scope asks for.
 */
final class TokenService implements AutoCloseable {

	static final String SERVICE = "metahub-test-registry";

	static final String ISSUER = "metahub-test-issuer";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "changeit";

	private final PrivateKey key;

	private final X509Certificate certificate;

	private final Path rootCertBundle;

	private final FakeHttpServer server;

	private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

	private volatile String audience = SERVICE;

	TokenService(Path directory) {
		try {
			Path keystore = directory.resolve("token.p12");
			Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
					"-dname", "CN=metahub-test-token", "-storetype", "PKCS12", "-keystore", keystore.toString(),
					"-storepass", PASSWORD, "-keypass", PASSWORD)
				.redirectErrorStream(true)
				.start();
			if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (var in = Files.newInputStream(keystore)) {
				store.load(in, PASSWORD.toCharArray());
			}
			key = (PrivateKey) store.getKey("token", PASSWORD.toCharArray());
			certificate = (X509Certificate) store.getCertificate("token");
			rootCertBundle = directory.resolve("root.pem");
			Files.writeString(rootCertBundle, "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		server = new FakeHttpServer("127.0.0.1", this::issue);
	}

	URI realm() {
		return server.url().resolve("/token");
	}

	Path rootCertBundle() {
		return rootCertBundle;
	}

	/** Token requests received so far. */
	List<FakeHttpServer.Received> requests() {
		return server.received("/token");
	}

	long requestsFor(String scope) {
		return requests().stream().filter(request -> scope.equals(query(request.uri()).get("scope"))).count();
	}

	/** Holds every answer until {@link #open()}, so that concurrent requests overlap with the fetch. */
	void hold() {
		gate.set(new CountDownLatch(1));
	}

	void open() {
		gate.get().countDown();
	}

	/** Issues tokens for another audience, which the registry refuses, as if they were revoked. */
	void issueRevoked(boolean revoked) {
		audience = revoked ? "another-service" : SERVICE;
	}

	/** A token granting the given actions, for the test's own pushes. */
	String mint(String type, String name, String... actions) {
		Instant now = Instant.now();
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("typ", "JWT");
		header.put("alg", "RS256");
		try {
			header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
			Map<String, Object> claims = new LinkedHashMap<>();
			claims.put("iss", ISSUER);
			claims.put("sub", "metahub-test");
			claims.put("aud", audience);
			claims.put("exp", now.plusSeconds(300).getEpochSecond());
			claims.put("nbf", now.minusSeconds(10).getEpochSecond());
			claims.put("iat", now.getEpochSecond());
			claims.put("jti", UUID.randomUUID().toString());
			claims.put("access", type == null ? List.of()
					: List.of(Map.of("type", type, "name", name, "actions", Arrays.asList(actions))));
			String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "."
					+ base64Url(JSON.writeValueAsBytes(claims));
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64Url(signature.sign());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private FakeHttpServer.Response issue(FakeHttpServer.Received request) throws IOException {
		try {
			if (!gate.get().await(30, TimeUnit.SECONDS)) {
				return FakeHttpServer.Response.of(503, "gate never opened");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		String scope = query(request.uri()).get("scope");
		String token;
		if (scope == null) {
			token = mint(null, null);
		}
		else {
			String[] parts = scope.split(":");
			String actions = parts[parts.length - 1];
			String name = scope.substring(parts[0].length() + 1, scope.length() - actions.length() - 1);
			token = mint(parts[0], name, actions.split(","));
		}
		return FakeHttpServer.Response.of(200, JSON.writeValueAsString(Map.of("token", token, "expires_in", 300,
				"issued_at", Instant.now().toString())), "Content-Type", "application/json");
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				int equals = pair.indexOf('=');
				parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public void close() {
		open();
		server.close();
	}

}
