package org.metahub.filters.upstream;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.config.UpstreamProperties;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationLinkFilterTest {

	private static final UpstreamProperties GHCR = new UpstreamProperties("ghcr.io", URI.create("https://ghcr.io"),
			null, null, null, null, true, false, null);

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			PATH_PREFIX | -       | </v2/org/app/tags/list?last=b&n=2>; rel="next"            | </v2/ghcr.io/org/app/tags/list?last=b&n=2>; rel="next"
			PATH_PREFIX | -       | <https://ghcr.io/v2/_catalog?last=a%2Fb&n=1>; rel="next" | </v2/ghcr.io/_catalog?last=a%2Fb&n=1>; rel="next"
			NAMESPACE   | ghcr.io | </v2/org/app/tags/list?last=b&n=2>; rel="next"            | </v2/org/app/tags/list?last=b&n=2&ns=ghcr.io>; rel="next"
			NAMESPACE   | ghcr.io | </v2/_catalog>; rel="next"                                | </v2/_catalog?ns=ghcr.io>; rel="next"
			PATH_PREFIX | -       | <https://elsewhere.example/page>; rel="next"              | <https://elsewhere.example/page>; rel="next"
			PATH_PREFIX | -       | garbage                                                   | garbage
			""")
	void keepsTheClientOnTheUpstreamItNamed(String form, String ns, String link, String rewritten) {
		UpstreamRoute route = new UpstreamRoute(GHCR, UpstreamRoute.Form.valueOf(form));

		assertThat(PaginationLinkFilter.rewrite(link, route, ns)).isEqualTo(rewritten);
	}

}
