package org.metahub.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metahub.filters.testing.RegistryPusher;
import org.metahub.filters.testing.RegistryServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag pages by {@code n} and {@code last} over CNCF distribution 2.8, which ignores both and sends every tag. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TagPagingTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	// lexical order, as the spec lists them
	private static final List<String> TAGS = List.of("1.0", "1.1", "2.0", "a", "b", "latest", "z");

	private static RegistryServer registry;

	@LocalServerPort
	private int port;

	private GatewayClient gateway;

	@DynamicPropertySource
	static void upstream(DynamicPropertyRegistry properties) {
		registry = RegistryServer.start();
		RegistryPusher pusher = RegistryPusher.to(registry);
		RegistryPusher.Pushed image = pusher.pushImage("team/app", "latest", "app", true);
		for (String tag : TAGS) {
			pusher.pushManifest("team/app", tag, image.mediaType(), image.bytes());
		}
		properties.add("metahub.upstream.url", () -> registry.url().toString());
	}

	@AfterAll
	static void stop() {
		registry.close();
	}

	@BeforeEach
	void client() {
		gateway = new GatewayClient(port);
	}

	@Test
	void followingTheLinkPageByPageListsEveryTagOnce() {
		List<String> listed = new ArrayList<>();
		List<String> links = new ArrayList<>();
		String next = "/v2/team/app/tags/list?n=3";
		for (int page = 0; next != null && page < 10; page++) {
			HttpResponse<byte[]> response = gateway.get(next);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
				.startsWith("application/json"));
			List<String> tags = tags(response);
			assertThat(tags).hasSizeLessThanOrEqualTo(3);
			listed.addAll(tags);
			next = response.headers().firstValue("Link").map(TagPagingTest::target).orElse(null);
			if (next != null) {
				links.add(next);
			}
		}
		assertThat(listed).isEqualTo(TAGS);
		assertThat(links).containsExactly("/v2/team/app/tags/list?n=3&last=2.0", "/v2/team/app/tags/list?n=3&last=latest");
	}

	@Test
	void lastStartsAfterTheTagItNames() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list?n=2&last=a");

		assertThat(tags(response)).containsExactly("b", "latest");
		assertThat(response.headers().firstValue("Link")).hasValue("</v2/team/app/tags/list?n=2&last=latest>; rel=\"next\"");
		assertThat(JSON.readTree(response.body()).path("name").asString()).isEqualTo("team/app");
	}

	@Test
	void lastWithoutNListsTheRestWithoutALink() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list?last=b");

		assertThat(tags(response)).containsExactly("latest", "z");
		assertThat(response.headers().firstValue("Link")).isEmpty();
	}

	@Test
	void aPageThatHoldsTheRestHasNoLink() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list?n=100");

		assertThat(tags(response)).isEqualTo(TAGS);
		assertThat(response.headers().firstValue("Link")).isEmpty();
	}

	@Test
	void zeroIsAnEmptyListWithoutALink() {
		HttpResponse<byte[]> get = gateway.get("/v2/team/app/tags/list?n=0");
		HttpResponse<byte[]> head = gateway.head("/v2/team/app/tags/list?n=0");

		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(tags(get)).isEmpty();
		assertThat(get.headers().firstValue("Link")).isEmpty();
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
	}

	@Test
	void aRepositoryTheUpstreamDoesNotKnowIsItsOwn404() {
		HttpResponse<byte[]> response = gateway.get("/v2/team/missing/tags/list?n=2");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(new String(response.body())).contains("NAME_UNKNOWN");
	}

	@Test
	void aNegativeOrNonNumericNIsPaginationNumberInvalid() {
		for (String n : List.of("-1", "two", "99999999999")) {
			HttpResponse<byte[]> response = gateway.get("/v2/team/app/tags/list?n=" + n);

			assertThat(response.statusCode()).as(n).isEqualTo(400);
			assertThat(new String(response.body())).as(n).contains("PAGINATION_NUMBER_INVALID");
		}
	}

	private static List<String> tags(HttpResponse<byte[]> response) {
		List<String> tags = new ArrayList<>();
		JsonNode root = JSON.readTree(response.body());
		root.path("tags").forEach(tag -> tags.add(tag.asString()));
		return tags;
	}

	private static String target(String link) {
		Matcher matcher = NEXT.matcher(link);
		assertThat(matcher.matches()).as(link).isTrue();
		return matcher.group(1);
	}

}
