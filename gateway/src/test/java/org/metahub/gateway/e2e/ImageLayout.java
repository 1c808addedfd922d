package org.metahub.gateway.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.metahub.filters.oci.Digests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what {@code skopeo copy ... dir:<folder>} wrote: the image manifest and its layer's marker file. */
record ImageLayout(Path folder) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The digest of the manifest skopeo stored, which is the image variant it pulled. */
	String manifestDigest() {
		return Digests.sha256(read(folder.resolve("manifest.json")));
	}

	/** The text of {@code /marker} in the image's first layer. */
	String marker() {
		JsonNode manifest = JSON.readTree(read(folder.resolve("manifest.json")));
		String layer = manifest.get("layers").get(0).get("digest").asString();
		byte[] tar = gunzip(read(folder.resolve(layer.substring("sha256:".length()))));
		// a one-file tar: a 512-byte header, then the content
		long size = Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
		return new String(tar, 512, (int) size, StandardCharsets.UTF_8).trim();
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gunzip(byte[] gz) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
