package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.oci.Digests;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several upstreams: an anonymous registry as the default ({@code docker.io}), an htpasswd registry
 * whose credentials come from files ({@code registry.example.com:5000}), and a fake upstream for
 * paging and redirects, once following them ({@code ghcr.io}) and once not ({@code quay.io}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MultipleUpstreamsTest {

	private static final String PRIVATE_NAME = "registry.example.com:5000";

	private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

	private static final String BLOB_BYTES = "blob bytes";

	/** What the storage serves for it, so the blob cache keeps it. */
	private static final String BLOB = Digests.sha256(BLOB_BYTES.getBytes(StandardCharsets.UTF_8));

	private static final String GHCR_LOGIN = GatewayClient.basic("ghcr-robot", "ghcr-secret");

	static final RegistryServer DEFAULT = RegistryServer.start();

	static final RegistryServer PRIVATE = RegistryServer.builder().htpasswd("mirror", "mirror-secret").start();

	static final RegistryPusher.Pushed PUBLIC_IMAGE = RegistryPusher.to(DEFAULT).pushImage("team/app", "1", "public", false);

	static final RegistryPusher.Pushed PRIVATE_IMAGE = RegistryPusher.to(PRIVATE).pushImage("team/secret", "1", "private",
			false);

	/** Blob storage the upstreams redirect to, on another port: it must never see upstream credentials. */
	static final FakeHttpServer STORAGE = new FakeHttpServer("127.0.0.1",
			request -> FakeHttpServer.Response.of(200, BLOB_BYTES, "Content-Type", "application/octet-stream"));

	/** Asks for Basic on {@code /v2/}, pages tags and the catalog, redirects blobs to the storage. */
	static final FakeHttpServer FAKE = new FakeHttpServer("127.0.0.1", request -> {
		String path = request.uri().getPath();
		if (path.equals("/v2/")) {
			return FakeHttpServer.Response.of(401, "", "WWW-Authenticate", "Basic realm=\"fake\"");
		}
		if (path.contains("/blobs/")) {
			return FakeHttpServer.Response.of(307, "", "Location", STORAGE.url() + "/blob?sig=a%2Fb",
					"Docker-Content-Digest", BLOB);
		}
		if (path.endsWith("/tags/list")) {
			return FakeHttpServer.Response.of(200, "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}", "Content-Type",
					"application/json", "Link", "</v2/team/app/tags/list?last=b&n=2>; rel=\"next\"");
		}
		if (path.equals("/v2/_catalog")) {
			return FakeHttpServer.Response.of(200, "{\"repositories\":[\"team/app\"]}", "Content-Type",
					"application/json", "Link", "</v2/_catalog?last=team%2Fapp&n=1>; rel=\"next\"");
		}
		return FakeHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no\"}]}");
	});

	/** A host nobody configured: the gateway must never connect to it. */
	static final FakeHttpServer NOT_CONFIGURED = new FakeHttpServer("127.0.0.1",
			request -> FakeHttpServer.Response.of(200, "{}"));

	private static Path secrets;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry properties) {
		secrets = secrets();
		properties.add("metahub.upstreams[0].name", () -> "docker.io");
		properties.add("metahub.upstreams[0].url", () -> DEFAULT.url().toString());
		properties.add("metahub.upstreams[0].default", () -> "true");
		properties.add("metahub.upstreams[1].name", () -> PRIVATE_NAME);
		properties.add("metahub.upstreams[1].url", () -> PRIVATE.url().toString());
		properties.add("metahub.upstreams[1].username-file", () -> secrets.resolve("username").toString());
		properties.add("metahub.upstreams[1].password-file", () -> secrets.resolve("password").toString());
		properties.add("metahub.upstreams[2].name", () -> "ghcr.io");
		properties.add("metahub.upstreams[2].url", () -> FAKE.url().toString());
		properties.add("metahub.upstreams[2].username", () -> "ghcr-robot");
		properties.add("metahub.upstreams[2].password", () -> "ghcr-secret");
		properties.add("metahub.upstreams[2].follow-redirects", () -> "true");
		properties.add("metahub.upstreams[3].name", () -> "quay.io");
		properties.add("metahub.upstreams[3].url", () -> FAKE.url().toString());
	}

	private static Path secrets() {
		try {
			Path dir = Files.createTempDirectory("metahub-upstream-secrets");
			Files.writeString(dir.resolve("username"), "mirror\n");
			Files.writeString(dir.resolve("password"), "mirror-secret\n");
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stop() {
		DEFAULT.close();
		PRIVATE.close();
		FAKE.close();
		STORAGE.close();
		NOT_CONFIGURED.close();
		FileSystemUtils.deleteRecursively(secrets.toFile());
	}

	private GatewayClient gateway() {
		return new GatewayClient(port);
	}

	@Test
	void aRequestNamingNoUpstreamGoesToTheDefault() {
		HttpResponse<byte[]> response = gateway().get("/v2/team/app/manifests/1", "Accept", MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(PUBLIC_IMAGE.digest());
	}

	@Test
	void containerdsNamespaceRoutesWithTheCredentialsFromFiles() {
		HttpResponse<byte[]> response = gateway().get("/v2/team/secret/manifests/1?ns=" + PRIVATE_NAME, "Accept",
				MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(PRIVATE_IMAGE.digest());
		assertThat(gateway().get("/v2/team/app/manifests/1?ns=docker.io", "Accept", MANIFEST).headers()
			.firstValue("Docker-Content-Digest")).hasValue(PUBLIC_IMAGE.digest());
	}

	@Test
	void aFirstPathComponentWithAPortRoutesBeforeTheNameIsValidated() {
		HttpResponse<byte[]> response = gateway().get("/v2/" + PRIVATE_NAME + "/team/secret/manifests/1", "Accept",
				MANIFEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(PRIVATE_IMAGE.digest());
		// the anonymous default upstream never had the image: it came from the private one
		assertThat(DEFAULT.countRequests("GET", "team/secret")).isZero();
	}

	@Test
	void aHostThatIsNotConfiguredIsRefusedWithoutAnyConnection() {
		String host = "127.0.0.1:" + NOT_CONFIGURED.url().getPort();

		HttpResponse<byte[]> byNamespace = gateway().get("/v2/team/app/manifests/1?ns=" + host);
		HttpResponse<byte[]> byPath = gateway().get("/v2/" + host + "/team/app/manifests/1");
		HttpResponse<byte[]> byDomain = gateway().get("/v2/evil.example.com/team/app/manifests/1");

		for (HttpResponse<byte[]> response : java.util.List.of(byNamespace, byPath)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"NAME_UNKNOWN\"")
				.contains("the gateway has no upstream named '" + host + "'");
		}
		assertThat(byDomain.statusCode()).isEqualTo(404);
		assertThat(new String(byDomain.body(), StandardCharsets.UTF_8)).contains("'evil.example.com'");
		assertThat(NOT_CONFIGURED.received()).isEmpty();
		assertThat(DEFAULT.countRequests("GET", "evil.example.com")).isZero();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			# configured,                                   not configured,                                scope of the configured, scope of the other
			/v2/team/app/manifests/1?ns=ghcr.io,            /v2/team/app/manifests/1?ns=other.example,     team/app,                team/app
			/v2/ghcr.io/team/app/manifests/1,               /v2/other.example/team/app/manifests/1,        ghcr.io/team/app,        other.example/team/app
			/v2/registry.example.com:5000/team/app/tags/list, /v2/other.example:5000/team/app/tags/list,   registry.example.com:5000/team/app, other.example:5000/team/app
			/v2/GHCR.IO/team/app/blobs/sha256:%s,           /v2/OTHER.EXAMPLE/team/app/blobs/sha256:%s,    ghcr.io/team/app,        other.example/team/app
			/v2/?ns=ghcr.io,                                /v2/?ns=other.example,                         -,                       -
			""")
	void anAnonymousCallerCannotTellConfiguredHostsFromOthers(String configured, String other, String configuredScope,
			String otherScope) {
		GatewayClient anonymous = new GatewayClient(port, null);
		String digest = "cd".repeat(32);

		HttpResponse<byte[]> toConfigured = anonymous.get(configured.formatted(digest));
		HttpResponse<byte[]> toOther = anonymous.get(other.formatted(digest));

		for (HttpResponse<byte[]> response : java.util.List.of(toConfigured, toOther)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"UNAUTHORIZED\"");
		}
		assertThat(toOther.headers().firstValue("WWW-Authenticate").orElseThrow())
			.isEqualTo(toConfigured.headers().firstValue("WWW-Authenticate").orElseThrow()
				.replace(configuredScope, otherScope));
		assertThat(NOT_CONFIGURED.received()).isEmpty();
	}

	@Test
	void aWrongPasswordGetsTheChallengeBeforeTheUnknownHost() {
		HttpResponse<byte[]> response = new GatewayClient(port, GatewayClient.basic("qnib-type1", "wrong"))
			.get("/v2/other.example/team/app/manifests/1");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void onlyTheHeadersARegistryNeedsAreForwarded() throws IOException {
		String blob = "/v2/quay.io/team/headers/blobs/" + BLOB;
		RawHttpConnection.Answer answer = RawHttpConnection.exchange(port, "GET " + blob + " HTTP/1.1\r\nHost: gateway.example\r\n"
				+ "Authorization: " + GatewayClient.DEMO_LOGIN + "\r\nCookie: session=secret\r\n"
				+ "Proxy-Authorization: Basic cHJveHk6c2VjcmV0\r\nX-Forwarded-For: 10.0.0.1\r\nForwarded: for=10.0.0.1\r\n"
				+ "X-Custom: internal\r\nRange: bytes=0-9\r\nUser-Agent: containerd/1.6\r\nAccept: */*\r\n\r\n", false);

		assertThat(answer.status()).isEqualTo(307);
		// the forwarded GET, not the blob cache's own HEAD that asked first whether the repository holds it
		FakeHttpServer.Received forwarded = FAKE.received("/v2/team/headers/blobs/").stream()
			.filter(request -> request.method().equals("GET")).findFirst().orElseThrow();
		assertThat(forwarded.headers().keySet()).map(String::toLowerCase)
			.doesNotContain("cookie", "proxy-authorization", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
					"x-forwarded-port", "forwarded", "x-custom");
		assertThat(forwarded.headers().getFirst("Range")).isEqualTo("bytes=0-9");
		assertThat(forwarded.headers().getFirst("User-Agent")).isEqualTo("containerd/1.6");
		assertThat(forwarded.headers().getFirst("Accept")).isEqualTo("*/*");
		assertThat(forwarded.headers().getFirst("Host")).isEqualTo(FAKE.url().getAuthority());
	}

	@Test
	void theNamespaceParameterIsNotForwarded() {
		HttpResponse<byte[]> response = gateway().get("/v2/quay-ns/app/tags/list?ns=quay.io&n=2");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(FAKE.received("/v2/quay-ns/app/tags/list")).singleElement()
			.satisfies(request -> assertThat(request.uri().getRawQuery()).isEqualTo("n=2"));
		assertThat(response.headers().firstValue("Link"))
			.hasValue("</v2/quay-ns/app/tags/list?n=2&last=b&ns=quay.io>; rel=\"next\"");
	}

	@Test
	void eachUpstreamGetsOnlyItsOwnCredentials() {
		assertThat(gateway().get("/v2/ghcr.io/ghcr-team/app/tags/list").statusCode()).isEqualTo(200);
		assertThat(gateway().get("/v2/quay.io/quay-team/app/tags/list").statusCode()).isEqualTo(200);
		assertThat(gateway().get("/v2/" + PRIVATE_NAME + "/team/secret/manifests/1", "Accept", MANIFEST).statusCode())
			.isEqualTo(200);

		assertThat(FAKE.received("/v2/ghcr-team/")).isNotEmpty()
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo(GHCR_LOGIN));
		assertThat(FAKE.received("/v2/quay-team/")).isNotEmpty()
			.allSatisfy(request -> assertThat(request.authorization()).isNull());
		// neither the client's login nor the private registry's credentials ever reach the fake
		assertThat(FAKE.received()).allSatisfy(request -> assertThat(request.authorization())
			.isIn(null, GHCR_LOGIN));
	}

	@Test
	void theLinkOfPathPrefixedPagesKeepsThePrefix() {
		HttpResponse<byte[]> tags = gateway().get("/v2/ghcr.io/team/app/tags/list?n=2");
		HttpResponse<byte[]> catalog = gateway().get("/v2/ghcr.io/_catalog?n=1");

		assertThat(tags.statusCode()).isEqualTo(200);
		assertThat(tags.headers().firstValue("Link"))
			.hasValue("</v2/ghcr.io/team/app/tags/list?n=2&last=b>; rel=\"next\"");
		assertThat(catalog.statusCode()).isEqualTo(200);
		assertThat(catalog.headers().firstValue("Link"))
			.hasValue("</v2/ghcr.io/_catalog?last=team%2Fapp&n=1>; rel=\"next\"");
		HttpResponse<byte[]> next = gateway().get("/v2/ghcr.io/team/app/tags/list?n=2&last=b");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(FAKE.received("/v2/team/app/tags/list")).anySatisfy(
				request -> assertThat(request.uri().getRawQuery()).isEqualTo("n=2&last=b"));
	}

	@Test
	void aTokenForThePrefixedNameCoversThePrefixedRequest() {
		HttpResponse<byte[]> challenge = new GatewayClient(port, null).get("/v2/ghcr.io/team/app/tags/list");
		assertThat(challenge.statusCode()).isEqualTo(401);
		assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("scope=\"repository:ghcr.io/team/app:pull\"");

		String token = token("repository:ghcr.io/team/app:pull");
		HttpResponse<byte[]> covered = new GatewayClient(port, "Bearer " + token).get("/v2/ghcr.io/team/app/tags/list");
		HttpResponse<byte[]> otherUpstream = new GatewayClient(port, "Bearer " + token).get("/v2/team/app/tags/list");

		assertThat(covered.statusCode()).isEqualTo(200);
		assertThat(otherUpstream.statusCode()).isEqualTo(401);
		assertThat(otherUpstream.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
	}

	@Test
	void followsBlobRedirectsWithoutSendingCredentialsToAnotherPort() {
		HttpResponse<byte[]> response = gateway().get("/v2/ghcr.io/team/app/blobs/" + BLOB);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("blob bytes");
		assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(BLOB);
		assertThat(FAKE.received("/v2/team/app/blobs/")).isNotEmpty()
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo(GHCR_LOGIN));
		assertThat(STORAGE.received()).isNotEmpty().allSatisfy(request -> {
			assertThat(request.uri().getRawQuery()).isEqualTo("sig=a%2Fb");
			assertThat(request.authorization()).isNull();
		});
	}

	@Test
	void aFollowedBlobRedirectIsCachedAndTheNextPullIsServedWithoutTheUpstreamOrTheStorage() {
		assertThat(gateway().get("/v2/ghcr.io/team/app/blobs/" + BLOB).statusCode()).isEqualTo(200);
		int upstreamRequests = FAKE.received("/v2/team/app/blobs/").size();
		int storageRequests = STORAGE.received().size();

		HttpResponse<byte[]> again = gateway().get("/v2/ghcr.io/team/app/blobs/" + BLOB);

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo(BLOB_BYTES);
		assertThat(again.headers().firstValue("Docker-Content-Digest")).hasValue(BLOB);
		assertThat(again.headers().firstValue("Content-Length")).hasValue(String.valueOf(BLOB_BYTES.length()));
		assertThat(FAKE.received("/v2/team/app/blobs/")).hasSize(upstreamRequests);
		assertThat(STORAGE.received()).hasSize(storageRequests);
	}

	@Test
	void handsBlobRedirectsToTheClientWhenNotFollowing() {
		int before = STORAGE.received().size();

		HttpResponse<byte[]> response = gateway().get("/v2/quay.io/team/app/blobs/" + BLOB);

		assertThat(response.statusCode()).isEqualTo(307);
		assertThat(response.headers().firstValue("Location")).hasValue(STORAGE.url() + "/blob?sig=a%2Fb");
		assertThat(STORAGE.received()).hasSize(before);
	}

	@Test
	void readinessReportsEachUpstream() {
		HttpResponse<byte[]> readiness = new GatewayClient(port, null).get("/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(new String(readiness.body(), StandardCharsets.UTF_8))
			.contains("\"docker.io\":{\"status\":\"UP\"}", "\"ghcr.io\":{\"status\":\"UP\"}",
					"\"quay.io\":{\"status\":\"UP\"}", "\"" + PRIVATE_NAME + "\":{\"status\":\"UP\"}");
	}

	private String token(String scope) {
		HttpResponse<byte[]> response = gateway().get("/token?service=metahub&scope=" + scope);
		assertThat(response.statusCode()).isEqualTo(200);
		String body = new String(response.body(), StandardCharsets.UTF_8);
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

}
