package org.metahub.filters.explain;

import org.metahub.filters.oci.DistributionPath;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

/**
 * An image as an administrator writes it: {@code <name>:<tag>} or {@code <name>@<digest>}, the name in the
 * distribution grammar, without a registry host.
 *
 * @param name the repository name
 * @param reference the tag or digest
 */
public record ImageReference(String name, String reference) {

	/** @throws OciException 400 ({@code NAME_INVALID}, {@code DIGEST_INVALID} or a bad request) when malformed */
	public static ImageReference parse(String image) {
		if (image == null || image.isBlank()) {
			throw OciError.BAD_REQUEST.exception("the query parameter image is required, such as image=team/app:latest");
		}
		int at = image.indexOf('@');
		int colon = image.lastIndexOf(':');
		String name;
		String reference;
		if (at >= 0) {
			name = image.substring(0, at);
			reference = image.substring(at + 1);
		}
		else if (colon > image.lastIndexOf('/')) {
			name = image.substring(0, colon);
			reference = image.substring(colon + 1);
		}
		else {
			throw OciError.BAD_REQUEST.exception("the image needs a tag or digest, such as " + image + ":latest", image);
		}
		DistributionPath path;
		try {
			path = DistributionPath.parse("/v2/" + name + "/manifests/" + reference);
		}
		catch (OciException ex) {
			// the registry answers a bad tag with 404; for a query parameter it is the caller's mistake
			if (ex.error() == OciError.NAME_INVALID || ex.error() == OciError.DIGEST_INVALID) {
				throw ex;
			}
			throw OciError.BAD_REQUEST.exception("invalid image '" + image + "': " + ex.getMessage(), image);
		}
		if (path.kind() != DistributionPath.Kind.MANIFEST || !path.name().equals(name)) {
			throw OciError.NAME_INVALID.exception("invalid repository name", name);
		}
		return new ImageReference(path.name(), path.reference());
	}

	@Override
	public String toString() {
		return name + (reference.indexOf(':') >= 0 ? "@" : ":") + reference;
	}

}
