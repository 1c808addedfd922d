package org.metahub.filters.request;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RequestTargetFilterTest {

	private final RequestTargetFilter filter = new RequestTargetFilter();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/v2/library/app/manifests/1              | gateway.example:8080 | true
			/v2/                                     | my_host:8080         | true
			/v2/                                     | [::1]:8080           | true
			/v2/                                     | 10.0.0.1             | true
			/v2/a..b/manifests/1.0                   | gateway.example      | true
			/actuator/health/../../v2/app/manifests/1 | gateway.example     | false
			/v2/./app/manifests/1                    | gateway.example      | false
			/actuator/health/%2e%2E/v2/              | gateway.example      | false
			/v2/app/manifests/1/..                   | gateway.example      | false
			/v2/                                     | a b                  | false
			/v2/                                     | "a\\"b"              | false
			/v2/                                     | host:port            | false
			""")
	void refusesDotSegmentsAndHostsThatAreNoHostAndPort(String path, String host, boolean admitted) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
			.method(HttpMethod.GET, URI.create("http://gateway.example" + path)).header("Host", host));
		AtomicBoolean passedOn = new AtomicBoolean();

		Throwable failure = catchThrowable(() -> filter.filter(exchange, passing -> {
			passedOn.set(true);
			return Mono.empty();
		}).block(Duration.ofSeconds(5)));

		assertThat(passedOn.get()).isEqualTo(admitted);
		if (!admitted) {
			assertThat(failure).isInstanceOfSatisfying(OciException.class,
					refused -> assertThat(refused.error()).isEqualTo(OciError.BAD_REQUEST));
		}
	}

}
