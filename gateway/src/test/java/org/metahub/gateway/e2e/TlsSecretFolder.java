package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.metahub.gateway.e2e.TestCertificateAuthority.Issued;

/**
 * A folder laid out as the kubelet mounts a {@code kubernetes.io/tls} Secret: {@code tls.crt -> ..data/tls.crt},
 * {@code ..data -> ..<version>}; an update writes a new version folder and swaps {@code ..data} in one rename.
 */
final class TlsSecretFolder {

	private final Path folder;

	private int version;

	TlsSecretFolder(Path folder, Issued first) {
		this.folder = folder;
		try {
			Files.createDirectories(folder);
			Path data = writeVersion(first);
			Files.createSymbolicLink(folder.resolve("..data"), data.getFileName());
			Files.createSymbolicLink(certificate(), Path.of("..data", "tls.crt"));
			Files.createSymbolicLink(key(), Path.of("..data", "tls.key"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path certificate() {
		return folder.resolve("tls.crt");
	}

	Path key() {
		return folder.resolve("tls.key");
	}

	/**
	 * The gateway's arguments for serving HTTPS from this folder, as the Helm chart sets them; a short quiet
	 * period (Spring Boot's default is 10s) so that a test sees a renewal quickly.
	 */
	List<String> gatewayArguments() {
		String bundle = "--spring.ssl.bundle.pem.metahub.";
		return List.of("--server.ssl.bundle=metahub", bundle + "keystore.certificate=file:" + certificate(),
				bundle + "keystore.private-key=file:" + key(), bundle + "keystore.verify-keys=true",
				bundle + "reload-on-update=true",
				"--spring.ssl.bundle.watch.file.quiet-period=500ms");
	}

	/** Replaces the certificate and key as the kubelet does when cert-manager renewed the Secret. */
	void update(Issued next) {
		try {
			Path previous = Files.readSymbolicLink(folder.resolve("..data"));
			Path data = writeVersion(next);
			Path link = folder.resolve("..data_tmp");
			Files.createSymbolicLink(link, data.getFileName());
			Files.move(link, folder.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
			for (String file : new String[] { "tls.crt", "tls.key" }) {
				Files.delete(folder.resolve(previous).resolve(file));
			}
			Files.delete(folder.resolve(previous));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path writeVersion(Issued issued) throws IOException {
		version++;
		Path data = folder.resolve("..version-" + version);
		Files.createDirectories(data);
		Files.copy(issued.certificate(), data.resolve("tls.crt"));
		Files.copy(issued.key(), data.resolve("tls.key"));
		return data;
	}

}
