package org.metahub.filters.tags;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.metahub.filters.fetch.UpstreamAnswer;
import org.metahub.filters.fetch.UpstreamManifestClient;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Pages over an upstream's tag list for {@code n} and {@code last}, whatever the upstream does with them: it
 * follows the upstream's own {@code Link} while the upstream pages (on the same upstream and path only), and
 * slices what an upstream that ignores them sends whole. Tags are answered in lexical order.
 */
public class TagPager {

	/** Upstream pages asked for one client page at most: what is collected by then is answered with a Link. */
	static final int MAX_UPSTREAM_PAGES = 20;

	private final UpstreamManifestClient client;

	public TagPager(UpstreamManifestClient client) {
		this.client = client;
	}

	/**
	 * @param tagList the upstream's {@code /v2/<name>/tags/list} URL, its query ignored
	 * @param n the page size asked for, or {@code null} for all
	 * @param last the tag the page starts after, or {@code null}
	 */
	public Mono<Result> page(URI tagList, String authorization, Integer n, String last) {
		URI first = withQuery(tagList, n, last);
		return collect(first, authorization, n, last, new TreeSet<>(), 1);
	}

	private Mono<Result> collect(URI url, String authorization, Integer n, String last, TreeSet<String> collected,
			int pages) {
		return client.get(url, authorization, "application/json").flatMap(answer -> {
			if (!answer.isOk()) {
				return Mono.just(Result.passThrough(answer));
			}
			TagPage page = TagPage.parse(answer.body());
			int before = collected.size();
			page.tags().stream().filter(tag -> last == null || tag.compareTo(last) > 0).forEach(collected::add);
			String link = nextLink(answer);
			URI next = link == null ? null : followable(url, link);
			boolean progressed = collected.size() > before;
			boolean enough = n != null && collected.size() >= n;
			if (next != null && progressed && !enough && pages < MAX_UPSTREAM_PAGES) {
				return collect(next, authorization, n, last, collected, pages + 1);
			}
			// a next page not followed is asked for by the client, from the last tag it got
			return Mono.just(Result.listed(page.name(), collected, n, link != null && progressed));
		});
	}

	private static String nextLink(UpstreamAnswer answer) {
		String link = answer.headers().getFirst(HttpHeaders.LINK);
		return link != null && link.contains("rel=\"next\"") ? link : null;
	}

	// the upstream's next page, only on the same upstream and tag list: the gateway reaches configured upstreams only
	private static URI followable(URI current, String link) {
		int open = link.indexOf('<');
		int close = link.indexOf('>', open + 1);
		if (open < 0 || close < 0) {
			return null;
		}
		try {
			URI target = current.resolve(new URI(link.substring(open + 1, close)));
			boolean same = Objects.equals(target.getScheme(), current.getScheme())
					&& Objects.equals(target.getRawAuthority(), current.getRawAuthority())
					&& Objects.equals(target.getRawPath(), current.getRawPath());
			return same ? target : null;
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	static URI withQuery(URI tagList, Integer n, String last) {
		StringBuilder query = new StringBuilder();
		if (n != null) {
			query.append("n=").append(n);
		}
		if (last != null) {
			query.append(query.isEmpty() ? "" : "&").append("last=").append(encode(last));
		}
		String base = tagList.getScheme() + "://" + tagList.getRawAuthority() + tagList.getRawPath();
		return URI.create(query.isEmpty() ? base : base + "?" + query);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * A page to answer, or the upstream's own non-200 answer.
	 *
	 * @param name the repository name the upstream gave, or {@code null} when passing through
	 * @param tags the page's tags, in lexical order
	 * @param nextLast the {@code last} of the next page, or {@code null} when this page is the last one
	 * @param passThrough the upstream's answer to pass through, or {@code null}
	 */
	public record Result(String name, List<String> tags, String nextLast, UpstreamAnswer passThrough) {

		static Result passThrough(UpstreamAnswer answer) {
			return new Result(null, List.of(), null, answer);
		}

		static Result listed(String name, TreeSet<String> collected, Integer n, boolean upstreamHasMore) {
			if (n != null && n == 0) {
				return new Result(name, List.of(), null, null);
			}
			List<String> tags = collected.stream().limit(n == null ? Long.MAX_VALUE : n).toList();
			boolean more = tags.size() < collected.size() || upstreamHasMore;
			return new Result(name, tags, more && !tags.isEmpty() ? tags.get(tags.size() - 1) : null, null);
		}

	}

}
