package org.metahub.filters.upstream;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import org.metahub.filters.testing.FreePorts;
import org.metahub.filters.testing.RegistryServer;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe against real registries, counting the {@code GET /v2/} requests they log. */
class ChallengeProbeTest {

	@Test
	void learnsABasicChallengeOnceAndAgainAfterForget() {
		try (RegistryServer registry = RegistryServer.builder().htpasswd("mirror", "secret").start()) {
			ChallengeProbe probe = new ChallengeProbe(WebClient.create(), registry.url());
			long before = baseRequests(registry);

			UpstreamChallenge first = probe.challenge().block(Duration.ofSeconds(10));
			probe.challenge().block(Duration.ofSeconds(10));
			assertThat(first.asksForBasic()).isTrue();
			assertThat(first.bearer()).isEmpty();
			org.metahub.filters.testing.Poll.until("the probe in the log", Duration.ofSeconds(10),
					() -> baseRequests(registry) == before + 1);

			probe.forget();
			probe.challenge().block(Duration.ofSeconds(10));
			org.metahub.filters.testing.Poll.until("the second probe in the log", Duration.ofSeconds(10),
					() -> baseRequests(registry) == before + 2);
		}
	}

	@Test
	void anAnonymousRegistryHasNoChallenge() {
		try (RegistryServer registry = RegistryServer.start()) {
			assertThat(new ChallengeProbe(WebClient.create(), registry.url()).challenge().block(Duration.ofSeconds(10)))
				.isEqualTo(UpstreamChallenge.NONE);
		}
	}

	@Test
	void anUnreachableUpstreamFailsAndIsAskedAgainNextTime() {
		ChallengeProbe probe = new ChallengeProbe(WebClient.create(),
				java.net.URI.create("http://127.0.0.1:" + FreePorts.next()));

		for (int attempt = 0; attempt < 2; attempt++) {
			StepVerifier.create(probe.challenge())
				.expectErrorSatisfies(failure -> assertThat(((OciException) failure).error())
					.isEqualTo(OciError.UPSTREAM_UNAVAILABLE))
				.verify(Duration.ofSeconds(10));
		}
	}

	// the access log's request line, one per request whatever the status
	private static long baseRequests(RegistryServer registry) {
		return registry.log().lines().filter(line -> line.contains("\"GET /v2/ HTTP/1.1\"")).count();
	}

}
