package org.metahub.filters.blobcache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmedBlobsTest {

	private static final BlobDigest A = new BlobDigest("a".repeat(64));

	private static final BlobDigest B = new BlobDigest("b".repeat(64));

	@TempDir
	Path folder;

	private Path file() {
		return folder.resolve("confirmed-blobs");
	}

	@Test
	void aConfirmationSurvivesARestartForItsTripleOnly() {
		ConfirmedBlobs.durable(file(), 100).confirm("docker.io", "team/a", A);

		ConfirmedBlobs restarted = ConfirmedBlobs.durable(file(), 100);

		assertThat(restarted.isConfirmed("docker.io", "team/a", A)).isTrue();
		assertThat(restarted.isConfirmed("docker.io", "team/b", A)).isFalse();
		assertThat(restarted.isConfirmed("ghcr.io", "team/a", A)).isFalse();
		assertThat(restarted.isConfirmed("docker.io", "team/a", B)).isFalse();
	}

	@Test
	void aLineCutShortOrDamagedIsIgnoredAndTheOthersKept() throws IOException {
		ConfirmedBlobs.durable(file(), 100).confirm("docker.io", "team/a", A);
		Files.write(file(), ("garbage\nv1\tdocker.io\tteam/x\tsha256:zz\n\u00ff\u0000\nv1\tdocker.io\tteam/b\tsha256:"
				+ B.hex().substring(0, 20)).getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);

		ConfirmedBlobs restarted = ConfirmedBlobs.durable(file(), 100);
		restarted.confirm("docker.io", "team/c", B);

		ConfirmedBlobs again = ConfirmedBlobs.durable(file(), 100);
		assertThat(again.isConfirmed("docker.io", "team/a", A)).isTrue();
		assertThat(again.isConfirmed("docker.io", "team/b", B)).isFalse();
		assertThat(again.isConfirmed("docker.io", "team/c", B)).isTrue();
	}

	@Test
	void theFileStaysBoundedAndKeepsTheNewest() throws IOException {
		ConfirmedBlobs confirmed = ConfirmedBlobs.durable(file(), 3);
		for (int i = 0; i < 50; i++) {
			confirmed.confirm("docker.io", "team/r" + i, A);
			assertThat(Files.readAllLines(file())).hasSizeLessThanOrEqualTo(6);
		}

		ConfirmedBlobs restarted = ConfirmedBlobs.durable(file(), 3);

		assertThat(restarted.isConfirmed("docker.io", "team/r49", A)).isTrue();
		assertThat(restarted.isConfirmed("docker.io", "team/r47", A)).isTrue();
		assertThat(restarted.isConfirmed("docker.io", "team/r0", A)).isFalse();
		assertThat(Files.readAllLines(file())).hasSize(3);
	}

	@Test
	void aFolderThatCannotHoldTheFileLeavesConfirmationsInMemory() throws IOException {
		Path blocked = folder.resolve("not-a-folder");
		Files.writeString(blocked, "in the way");

		ConfirmedBlobs confirmed = ConfirmedBlobs.durable(blocked.resolve("confirmed-blobs"), 100);
		confirmed.confirm("docker.io", "team/a", A);

		assertThat(confirmed.isConfirmed("docker.io", "team/a", A)).isTrue();
	}

}
