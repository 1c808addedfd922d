package org.metahub.filters.observe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RequestMetrics metrics = new RequestMetrics(registry);

	@Test
	void countsTheVariantServedPerImageAndMachineType() {
		metrics.record(new CompletedRequest("GET", "/v2/app/manifests/latest", "manifest", 200, 300, 1000,
				"qnib-type2", "app", "sha256:skylake", false));

		assertThat(registry.get("metahub.manifest.selections")
			.tags("image", "app", "machine_type", "qnib-type2", "digest", "sha256:skylake")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("metahub.requests")
			.tags("kind", "manifest", "method", "GET", "status", "200", "machine_type", "qnib-type2")
			.timer()
			.count()).isEqualTo(1);
		assertThat(registry.get("metahub.bytes.sent").tags("kind", "manifest").counter().count()).isEqualTo(300);
	}

	@Test
	void recordsNoSelectionWithoutAServedDigestAndFoldsUnknownMethods() {
		metrics.record(new CompletedRequest("PROPFIND", "/v2/app/blobs/sha256:a", "blob", 405, 90, 1000,
				CompletedRequest.ANONYMOUS, "app", null, false));

		assertThat(registry.find("metahub.manifest.selections").counter()).isNull();
		assertThat(registry.get("metahub.requests").tags("method", "OTHER", "status", "405").timer().count())
			.isEqualTo(1);
	}

	@Test
	void eachCombinationOfTagsHasItsOwnMeterAndRepeatsAddUp() {
		for (int status : new int[] { 200, 200, 404 }) {
			metrics.record(new CompletedRequest("GET", "/v2/app/manifests/latest", "manifest", status, 10, 1000,
					"qnib-type1", "app", status == 200 ? "sha256:broadwell" : null, false));
		}
		metrics.record(new CompletedRequest("HEAD", "/v2/app/manifests/latest", "manifest", 200, 0, 1000,
				"qnib-type2", "app", "sha256:skylake", false));

		assertThat(registry.get("metahub.requests").tags("status", "200", "machine_type", "qnib-type1").timer().count())
			.isEqualTo(2);
		assertThat(registry.get("metahub.requests").tags("status", "404").timer().count()).isEqualTo(1);
		assertThat(registry.get("metahub.requests").tags("method", "HEAD", "machine_type", "qnib-type2").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("metahub.manifest.selections").tags("digest", "sha256:broadwell").counter().count())
			.isEqualTo(2);
		assertThat(registry.get("metahub.manifest.selections").tags("digest", "sha256:skylake").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("metahub.bytes.sent").tags("kind", "manifest").counter().count()).isEqualTo(30);
	}

}
