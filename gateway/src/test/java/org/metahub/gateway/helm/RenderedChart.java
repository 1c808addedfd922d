package org.metahub.gateway.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

/** The chart in helm/metahub rendered with one set of values, parsed into plain maps and lists. */
final class RenderedChart {

	static final Path CHART = Path.of("..", "helm", "metahub").toAbsolutePath().normalize();

	static final String RELEASE = "rel";

	static final String NAMESPACE = "ns";

	private final List<Map<String, Object>> documents;

	private RenderedChart(List<Map<String, Object>> documents) {
		this.documents = documents;
	}

	/** Renders the chart with the given values YAML (written to a file in {@code dir}), as {@code helm template} does. */
	static RenderedChart render(Path dir, String valuesYaml) {
		return parse(template(dir, valuesYaml));
	}

	/** Runs {@code helm template}; fails with helm's message when the values or templates are refused. */
	static String template(Path dir, String valuesYaml) {
		try {
			Path values = Files.createTempFile(dir, "values", ".yaml");
			Files.writeString(values, valuesYaml);
			TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
				.withValuesFile(values);
			return command.call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static RenderedChart parse(String manifests) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(manifests)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return new RenderedChart(documents);
	}

	/** The one resource of that kind and name; fails when there is none. */
	Map<String, Object> get(String kind, String name) {
		return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + names()));
	}

	java.util.Optional<Map<String, Object>> find(String kind, String name) {
		return documents.stream()
			.filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
			.findFirst();
	}

	List<Map<String, Object>> all(String kind) {
		return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
	}

	List<String> names() {
		return documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "name")).toList();
	}

	/** Walks maps by key and lists by integer index; fails with the path when a step is missing. */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
				current = list.get(index);
			}
			else if (current instanceof Map<?, ?> map && map.containsKey(step)) {
				current = map.get(step);
			}
			else {
				throw new AssertionError("no " + step + " in " + current + " (path " + List.of(path) + ")");
			}
		}
		return (T) current;
	}

	/** The list element whose {@code name} equals the given name. */
	static Map<String, Object> named(List<Map<String, Object>> list, String name) {
		return list.stream().filter(e -> name.equals(e.get("name"))).findFirst()
			.orElseThrow(() -> new AssertionError("no entry named " + name + " in " + list));
	}

}
