package org.metahub.gateway.e2e;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.Poll;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryPusher.Entry;
import org.metahub.filters.testing.RegistryPusher.Pushed;
import org.metahub.filters.testing.RegistryServer;
import org.metahub.filters.testing.ServerProcess;
import org.metahub.gateway.e2e.TestCertificateAuthority.Issued;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway serving HTTPS from a PEM certificate and key through a Spring Boot SSL bundle, laid out
 * as a mounted {@code kubernetes.io/tls} Secret: skopeo pulls each machine type's variant trusting only the
 * test CA, the token realm says https, and renewed certificates are served without a restart.
 */
class TlsPullIT {

	@TempDir
	static Path folder;

	private static RegistryServer registry;

	private static GatewayProcess gateway;

	private static TestCertificateAuthority ca;

	private static TlsSecretFolder secret;

	private static Path caFolder;


	@BeforeAll
	static void start() throws Exception {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		Pushed broadwell = pusher.pushImage("qnib/bench", null, "broadwell", true);
		Pushed skylake = pusher.pushImage("qnib/bench", null, "skylake", true);
		pusher.pushList("qnib/bench", "latest", true, List.of(Entry.of(broadwell, "amd64", "cpu:broadwell"),
				Entry.of(skylake, "amd64", "cpu:skylake")));
		ca = TestCertificateAuthority.create(Files.createDirectories(folder.resolve("ca")));
		caFolder = Files.createDirectories(folder.resolve("client-certs"));
		Files.copy(ca.certificate(), caFolder.resolve("ca.crt"));
		secret = new TlsSecretFolder(folder.resolve("tls"), ca.issue("metahub-first"));
		List<String> arguments = new ArrayList<>(secret.gatewayArguments());
		arguments.add("--metahub.upstream.url=" + registry.url());
		gateway = GatewayProcess.startTls("127.0.0.1", ca.trusting(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
				arguments);
	}

	@AfterAll
	static void stop() {
		ServerProcess.closeAll(gateway, registry);
	}

	@Test
	void skopeoTrustingTheCaPullsEachMachineTypesVariantOverHttps(@TempDir Path pulled) {
		assertThat(pull("qnib-type1", pulled.resolve("type1")).marker()).isEqualTo("broadwell");
		assertThat(pull("qnib-type2", pulled.resolve("type2")).marker()).isEqualTo("skylake");
	}

	@Test
	void aClientThatDoesNotTrustTheCaIsRefusedTheConnection(@TempDir Path pulled) {
		CommandLine result = Skopeo.run("copy", "--src-creds", "qnib-type1:qnib-type1",
				"docker://" + gateway.hostAndPort() + "/qnib/bench:latest", "dir:" + pulled);

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("x509");
	}

	@Test
	void theTokenRealmOfTheChallengeSaysHttps() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(ca.trusting()).build();
		HttpResponse<Void> response = client.send(HttpRequest.newBuilder(gateway.url().resolve("/v2/")).build(),
				HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"https://" + gateway.hostAndPort() + "/token\",service=\"metahub\"");
	}

	@Test
	void renewedCertificatesAreServedWithoutARestart(@TempDir Path pulled) {
		// twice: the second renewal swaps folders the first one created
		for (String name : List.of("metahub-renewed", "metahub-renewed-again")) {
			Issued renewed = ca.issue(name);
			secret.update(renewed);
			Poll.until("the gateway to present " + name, Duration.ofSeconds(60),
					() -> renewed.serial().equals(ca.presentedSerial("127.0.0.1", gateway.port())));
		}
		assertThat(pull("qnib-type1", pulled.resolve("after-renewal")).marker()).isEqualTo("broadwell");
	}

	@Test
	void aRenewalWhoseKeyDoesNotMatchItsCertificateIsRefusedAndThePreviousOneStays() {
		BigInteger served = ca.presentedSerial("127.0.0.1", gateway.port());
		long refusedBefore = refusedReloads();
		Issued certificate = ca.issue("metahub-mismatched");
		secret.update(new Issued(certificate.certificate(), ca.issue("metahub-other-key").key(), certificate.serial()));

		Poll.until("the gateway to refuse the mismatched pair", Duration.ofSeconds(60),
				() -> refusedReloads() > refusedBefore);
		assertThat(ca.presentedSerial("127.0.0.1", gateway.port())).isEqualTo(served);

		Issued fixed = ca.issue("metahub-repaired");
		secret.update(fixed);
		Poll.until("the gateway to present the repaired pair", Duration.ofSeconds(60),
				() -> fixed.serial().equals(ca.presentedSerial("127.0.0.1", gateway.port())));
	}

	private static long refusedReloads() {
		return gateway.log().lines().filter(line -> line.contains("Unexpected SSL reload error")).count();
	}

	private static ImageLayout pull(String login, Path destination) {
		try {
			Files.createDirectories(destination);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Skopeo.run("copy", "--src-cert-dir", caFolder.toString(), "--src-creds", login + ":" + login,
				"docker://" + gateway.hostAndPort() + "/qnib/bench:latest", "dir:" + destination).assertSucceeded();
		return new ImageLayout(destination);
	}

}
