package org.metahub.gateway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metahub.filters.testing.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's start-up path: {@code cds-archive.sh} unpacks the jar and makes a class data sharing archive,
 * and the gateway started from that folder maps its classes from the archive.
 */
class CdsArchiveIT {

	@Test
	void theGatewayStartsWithItsClassesFromTheArchive(@TempDir Path folder) throws IOException {
		CommandLine.run(List.of("sh", "src/main/sh/cds-archive.sh", GatewayProcess.jar().toAbsolutePath().toString(),
				folder.toString())).assertSucceeded();

		// -Xshare:on refuses to start when the archive does not fit this JVM and class path
		List<String> jvm = List.of("-Xshare:on", "-XX:SharedArchiveFile=metahub-gateway.jsa",
				"-Xlog:class+load=info:file=class-load.log");
		List<String> arguments = List.of("--metahub.upstream.url=http://127.0.0.1:" + FreePorts.next());
		try (GatewayProcess gateway = GatewayProcess.start(folder, "metahub-gateway.jar", jvm, arguments)) {
			assertThat(Files.readAllLines(folder.resolve("class-load.log")))
				.anyMatch(line -> line.contains("org.metahub.gateway.MetahubGatewayApplication source: shared objects file (top)"))
				.anyMatch(line -> line.contains("org.metahub.filters.fetch.ManifestFetchFilter source: shared objects file (top)"));
		}
	}

}
