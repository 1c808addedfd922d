package org.metahub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test source that makes a folder or file in the system temp folder (a prefix as first argument) also
 * deletes it, so the suite leaves no test credentials or keys behind in /tmp. {@code @TempDir} cleans itself.
 */
class TemporaryFoldersTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern IN_SYSTEM_TEMP = Pattern.compile("Files\\.createTemp(Directory|File)\\(\"");

	private static final Pattern DELETES = Pattern.compile("deleteRecursively\\(|Files\\.delete(IfExists)?\\(");

	@Test
	void everyTestThatMakesATemporaryFolderDeletesIt() throws IOException {
		List<Path> leaving;
		try (Stream<Path> sources = Stream.of("config", "filters", "gateway")
			.map(module -> ROOT.resolve(module).resolve("src/test/java"))
			.filter(Files::isDirectory)
			.flatMap(TemporaryFoldersTest::javaFiles)) {
			leaving = sources.filter(source -> {
				String text = read(source);
				return IN_SYSTEM_TEMP.matcher(text).find() && !DELETES.matcher(text).find();
			}).toList();
		}
		assertThat(leaving).as("test sources that leave temporary folders behind").isEmpty();
	}

	private static Stream<Path> javaFiles(Path directory) {
		try {
			return Files.walk(directory).filter(path -> path.toString().endsWith(".java")).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path source) {
		try {
			return Files.readString(source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
