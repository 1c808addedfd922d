package org.metahub.filters.virtualimage;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.metahub.filters.manifest.Platform;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the virtual image specs of a folder at start-up: every {@code *.yml} and {@code *.yaml} file in
 * it (not in sub-folders; hidden files such as a ConfigMap's {@code ..data} are skipped). Any invalid file
 * stops start-up with a message that names the file and the field. Unknown keys are rejected, so that a
 * misspelt {@code feature:} is not silently dropped.
 */
public final class VirtualImageSpecLoader {

	private static final Set<String> TOP_LEVEL_KEYS = Set.of("image", "tags", "manifests");

	private static final Set<String> ENTRY_KEYS = Set.of("image", "platform");

	private static final Set<String> PLATFORM_KEYS = Set.of("architecture", "os", "variant", "features");

	private static final int MAX_FILE_CODE_POINTS = 1024 * 1024;

	/** All specs of the folder, in file name order. */
	public List<VirtualImageSpec> load(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new InvalidVirtualImageSpecException(
					"metahub.virtual-images.location: " + folder + " is not a directory");
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(folder)) {
			files = listing.filter(VirtualImageSpecLoader::isSpecFile)
				.sorted(Comparator.comparing(path -> path.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new InvalidVirtualImageSpecException(
					"metahub.virtual-images.location: " + folder + " cannot be listed: " + ex.getMessage());
		}
		List<VirtualImageSpec> specs = new ArrayList<>();
		for (Path file : files) {
			specs.add(parse(file, read(file)));
		}
		return specs;
	}

	static boolean isSpecFile(Path path) {
		String name = path.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && (lower.endsWith(".yml") || lower.endsWith(".yaml")) && Files.isRegularFile(path);
	}

	private static String read(Path file) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		}
		catch (CharacterCodingException ex) {
			throw InvalidVirtualImageSpecException.of(file, null, "is not UTF-8 text");
		}
		catch (IOException ex) {
			throw InvalidVirtualImageSpecException.of(file, null, "cannot be read: " + ex);
		}
	}

	/**
	 * One spec from its text.
	 * @param file where the text came from, named in messages
	 * @throws InvalidVirtualImageSpecException naming the file and the field
	 */
	public VirtualImageSpec parse(Path file, String text) {
		return new Reader(file).spec(yaml(file, text));
	}

	private static Object yaml(Path file, String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		options.setCodePointLimit(MAX_FILE_CODE_POINTS);
		DumperOptions dumperOptions = new DumperOptions();
		Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options,
				new StringScalars());
		try {
			return yaml.load(text);
		}
		catch (MarkedYAMLException ex) {
			String where = ex.getProblemMark() == null ? ""
					: " at line " + (ex.getProblemMark().getLine() + 1) + ", column " + (ex.getProblemMark().getColumn() + 1);
			// "but found another document" reads only after its context, "expected a single document in the stream"
			String problem = ex.getProblem().startsWith("but ") && ex.getContext() != null
					? ex.getContext() + " " + ex.getProblem() : ex.getProblem();
			throw InvalidVirtualImageSpecException.of(file, null, "is not valid YAML: " + problem + where);
		}
		catch (YAMLException ex) {
			throw InvalidVirtualImageSpecException.of(file, null, "is not valid YAML: " + ex.getMessage());
		}
	}

	/** Keeps plain scalars as strings, so that {@code tags: [1.0]} stays "1.0" and not the number 1. */
	private static final class StringScalars extends Resolver {

		@Override
		protected void addImplicitResolvers() {
			addImplicitResolver(Tag.NULL, EMPTY, null);
			addImplicitResolver(Tag.NULL, NULL, "~nN\0");
		}

	}

	/** Walks the parsed document, naming each field by its path such as {@code manifests[1].platform.os}. */
	private record Reader(Path file) {

		VirtualImageSpec spec(Object document) {
			if (document == null) {
				throw fail(null, "is empty");
			}
			Map<?, ?> root = map(document, null);
			keys(root, null, TOP_LEVEL_KEYS);
			ComponentReference image = reference(string(root, null, "image"), "image");
			if (image.byDigest()) {
				throw fail("image", "'" + image + "' is a digest; a virtual image is named by tag");
			}
			Set<String> tags = new LinkedHashSet<>();
			tags.add(image.tag());
			Object tagList = root.get("tags");
			if (tagList != null) {
				List<?> list = list(tagList, "tags");
				for (int i = 0; i < list.size(); i++) {
					String field = "tags[" + i + "]";
					String tag = scalar(list.get(i), field);
					try {
						DistributionGrammar.checkTag(tag);
					}
					catch (IllegalArgumentException ex) {
						throw fail(field, ex.getMessage());
					}
					tags.add(tag);
				}
			}
			Object manifests = root.get("manifests");
			if (manifests == null) {
				throw fail("manifests", "is missing");
			}
			List<?> entries = list(manifests, "manifests");
			if (entries.isEmpty()) {
				throw fail("manifests", "is empty; list at least one component image");
			}
			List<VirtualImageSpec.Component> components = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				components.add(component(entries.get(i), "manifests[" + i + "]"));
			}
			return new VirtualImageSpec(file, image.host(), image.repository(), List.copyOf(tags), components);
		}

		private VirtualImageSpec.Component component(Object entry, String field) {
			Map<?, ?> map = map(entry, field);
			keys(map, field, ENTRY_KEYS);
			ComponentReference reference = reference(string(map, field, "image"), field + ".image");
			String platformField = field + ".platform";
			Object platformValue = map.get("platform");
			if (platformValue == null) {
				throw fail(platformField, "is missing");
			}
			Map<?, ?> platform = map(platformValue, platformField);
			keys(platform, platformField, PLATFORM_KEYS);
			String architecture = string(platform, platformField, "architecture");
			String os = string(platform, platformField, "os");
			String variant = platform.get("variant") == null ? null : string(platform, platformField, "variant");
			List<String> features = features(platform.get("features"), platformField + ".features");
			return new VirtualImageSpec.Component(reference, new Platform(os, architecture, variant, features));
		}

		private List<String> features(Object value, String field) {
			if (value == null) {
				return List.of();
			}
			List<?> list = list(value, field);
			Set<String> features = new LinkedHashSet<>();
			for (int i = 0; i < list.size(); i++) {
				String feature = scalar(list.get(i), field + "[" + i + "]");
				if (feature.contains(",")) {
					throw fail(field + "[" + i + "]", "'" + feature + "' contains a comma; list each feature on its own");
				}
				features.add(feature);
			}
			return List.copyOf(features);
		}

		private ComponentReference reference(String value, String field) {
			try {
				return ComponentReference.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw fail(field, ex.getMessage());
			}
		}

		private String string(Map<?, ?> map, String parent, String key) {
			String field = parent == null ? key : parent + "." + key;
			Object value = map.get(key);
			if (value == null) {
				throw fail(field, "is missing");
			}
			return scalar(value, field);
		}

		private String scalar(Object value, String field) {
			if (!(value instanceof String text)) {
				throw fail(field, "must be a string, not " + kind(value));
			}
			if (text.isBlank()) {
				throw fail(field, "is empty");
			}
			return text.strip();
		}

		private Map<?, ?> map(Object value, String field) {
			if (!(value instanceof Map<?, ?> map)) {
				throw fail(field, "must be a mapping, not " + kind(value));
			}
			return map;
		}

		private List<?> list(Object value, String field) {
			if (!(value instanceof List<?> list)) {
				throw fail(field, "must be a list, not " + kind(value));
			}
			return list;
		}

		private void keys(Map<?, ?> map, String field, Set<String> allowed) {
			for (Object key : map.keySet()) {
				if (!(key instanceof String name) || !allowed.contains(name)) {
					String keyField = field == null ? String.valueOf(key) : field + "." + key;
					throw fail(keyField, "is not a known key; expected one of " + allowed.stream().sorted().toList());
				}
			}
		}

		private static String kind(Object value) {
			if (value == null) {
				return "null";
			}
			if (value instanceof Map) {
				return "a mapping";
			}
			if (value instanceof List) {
				return "a list";
			}
			return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
		}

		private InvalidVirtualImageSpecException fail(String field, String problem) {
			return InvalidVirtualImageSpecException.of(file, field, problem);
		}

	}

}
