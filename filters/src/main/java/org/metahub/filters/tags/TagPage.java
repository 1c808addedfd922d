package org.metahub.filters.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metahub.filters.oci.OciError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of {@code GET /v2/<name>/tags/list}: {@code {"name": ..., "tags": [...]}}.
 *
 * @param name the repository name the upstream gave
 * @param tags the tags, in the order given
 */
record TagPage(String name, List<String> tags) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	TagPage {
		tags = List.copyOf(tags);
	}

	/** @throws org.metahub.filters.oci.OciException {@code 502} when the upstream's body is no tag list */
	static TagPage parse(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid();
		}
		if (root == null || !root.isObject()) {
			throw invalid();
		}
		JsonNode tags = root.path("tags");
		List<String> values = new ArrayList<>();
		if (tags.isArray()) {
			tags.forEach(tag -> values.add(tag.asString()));
		}
		else if (!tags.isMissingNode() && !tags.isNull()) {
			throw invalid();
		}
		return new TagPage(root.path("name").asString(null), values);
	}

	byte[] toJson() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("name", name);
		document.put("tags", tags);
		return JSON.writeValueAsBytes(document);
	}

	private static RuntimeException invalid() {
		return OciError.UPSTREAM_INVALID.exception("the upstream's tag list is not a JSON tag list");
	}

}
