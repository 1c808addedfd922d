package org.metahub.filters.explain;

/**
 * A manifest as the upstream sent it.
 *
 * @param bytes the document
 * @param contentType the upstream's Content-Type
 * @param digest {@code sha256} of the bytes
 */
public record FetchedManifest(byte[] bytes, String contentType, String digest) {
}
