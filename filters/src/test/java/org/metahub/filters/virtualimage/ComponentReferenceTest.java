package org.metahub.filters.virtualimage;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Component references: docker's host rule, tag or digest, and the distribution grammar. */
class ComponentReferenceTest {

	static final String DIGEST = "sha256:" + "ab".repeat(32);

	static Stream<Arguments> valid() {
		return Stream.of(
				Arguments.of("qnib/bench:broadwell", null, "qnib/bench", "broadwell", null),
				Arguments.of("qnib/bench", null, "qnib/bench", "latest", null),
				Arguments.of("ubuntu", null, "ubuntu", "latest", null),
				Arguments.of("ubuntu:22.04", null, "ubuntu", "22.04", null),
				Arguments.of("ghcr.io/qnib/bench:skylake", "ghcr.io", "qnib/bench", "skylake", null),
				Arguments.of("docker.io/library/ubuntu", "docker.io", "library/ubuntu", "latest", null),
				Arguments.of("localhost/bench:1", "localhost", "bench", "1", null),
				Arguments.of("localhost:5000/qnib/bench:v1", "localhost:5000", "qnib/bench", "v1", null),
				Arguments.of("registry.example.com:443/a/b/c@" + DIGEST, "registry.example.com:443", "a/b/c", null, DIGEST),
				Arguments.of("[::1]:5000/bench:x", "[::1]:5000", "bench", "x", null),
				Arguments.of("qnib/bench@" + DIGEST, null, "qnib/bench", null, DIGEST),
				// no dot, colon or localhost: the first component is part of the name
				Arguments.of("myregistry/bench:1", null, "myregistry/bench", "1", null),
				Arguments.of("a__b/c-d.e:T_1.x-y", null, "a__b/c-d.e", "T_1.x-y", null));
	}

	@ParameterizedTest
	@MethodSource("valid")
	void parses(String text, String host, String repository, String tag, String digest) {
		ComponentReference reference = ComponentReference.parse(text);

		assertThat(reference).isEqualTo(new ComponentReference(host, repository, tag, digest));
		assertThat(reference.reference()).isEqualTo(digest != null ? digest : tag);
		assertThat(reference.location()).isEqualTo(new ComponentLocation(host, repository));
		assertThat(ComponentReference.parse(reference.toString())).isEqualTo(reference);
	}

	static Stream<Arguments> invalid() {
		return Stream.of(
				Arguments.of("", "is empty"),
				Arguments.of(" qnib/bench", "white space"),
				Arguments.of("Qnib/bench", "'Qnib/bench' is not a valid repository name"),
				Arguments.of("qnib//bench", "is not a valid repository name"),
				Arguments.of("ghcr.io/", "is not a valid repository name"),
				Arguments.of("qnib/bench:", "'' is not a valid tag"),
				Arguments.of("qnib/bench:-dash", "'-dash' is not a valid tag"),
				Arguments.of("qnib/bench:" + "t".repeat(129), "is not a valid tag"),
				Arguments.of("qnib/bench@sha256:abc", "'sha256:abc' is not a valid digest"),
				Arguments.of("qnib/bench@md5:" + "a".repeat(32), "is not a valid digest"),
				Arguments.of("qnib/bench:v1@" + DIGEST, "has both a tag and a digest"),
				Arguments.of("bad_host.io:x/bench", "'bad_host.io:x' is not a valid registry host"),
				Arguments.of("ghcr.io/qnib/Bench", "is not a valid repository name"));
	}

	@ParameterizedTest
	@MethodSource("invalid")
	void rejects(String text, String message) {
		assertThatThrownBy(() -> ComponentReference.parse(text))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(message);
	}

}
