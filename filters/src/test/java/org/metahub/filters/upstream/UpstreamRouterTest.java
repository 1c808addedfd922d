package org.metahub.filters.upstream;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.config.UpstreamProperties;
import org.metahub.config.Upstreams;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamRouterTest {

	private static final UpstreamRouter ROUTER = new UpstreamRouter(Upstreams.of(
			upstream(null, "https://registry-1.docker.io", true), upstream("ghcr.io", "https://ghcr.io", false),
			upstream("registry.example.com:5000", "http://127.0.0.1:5000", false)));

	@ParameterizedTest
	@CsvSource(nullValues = "-", textBlock = """
			# path,                                           ns,                  upstream,                  form,        routed path
			/v2/library/alpine/manifests/3,                   -,                   docker.io,                 DEFAULT,     /v2/library/alpine/manifests/3
			/v2/org/app/manifests/1,                          ghcr.io,             ghcr.io,                   NAMESPACE,   /v2/org/app/manifests/1
			/v2/library/alpine/manifests/3,                   index.docker.io,     docker.io,                 NAMESPACE,   /v2/library/alpine/manifests/3
			/v2/ghcr.io/org/app/manifests/1,                  -,                   ghcr.io,                   PATH_PREFIX, /v2/org/app/manifests/1
			/v2/registry.example.com:5000/team/app/tags/list, -,                   registry.example.com:5000, PATH_PREFIX, /v2/team/app/tags/list
			/v2/ghcr.io/_catalog,                             -,                   ghcr.io,                   PATH_PREFIX, /v2/_catalog
			/v2/registry-1.docker.io/alpine/manifests/3,      -,                   docker.io,                 PATH_PREFIX, /v2/alpine/manifests/3
			/v2/,                                             -,                   docker.io,                 DEFAULT,     /v2/
			""")
	void routesByNamespaceThenPathComponentThenDefault(String path, String ns, String upstream, String form,
			String routedPath) {
		UpstreamRouter.Routed routed = ROUTER.route(path, ns);

		assertThat(routed.route().upstream().name()).isEqualTo(upstream);
		assertThat(routed.route().form()).hasToString(form);
		assertThat(routed.path()).isEqualTo(routedPath);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "-", textBlock = """
			/v2/org/app/manifests/1,                    quay.io
			/v2/evil.example.com/org/app/manifests/1,   -
			/v2/127.0.0.1:6000/org/app/manifests/1,     -
			/v2/localhost/app/manifests/1,              -
			""")
	void refusesHostsThatAreNotConfigured(String path, String ns) {
		assertThatThrownBy(() -> ROUTER.route(path, ns)).isInstanceOfSatisfying(OciException.class, failure -> {
			assertThat(failure.error()).isEqualTo(OciError.NAME_UNKNOWN);
			assertThat(failure.getMessage()).startsWith("the gateway has no upstream named '");
		});
	}

	private static UpstreamProperties upstream(String name, String url, boolean isDefault) {
		return new UpstreamProperties(name, URI.create(url), null, null, null, null, isDefault, false, null);
	}

}
