package org.metahub.filters.virtualimage;

import java.nio.file.Path;

/** A virtual image spec that cannot be used; the message names the file and the field. Stops start-up. */
public class InvalidVirtualImageSpecException extends IllegalArgumentException {

	public InvalidVirtualImageSpecException(String message) {
		super(message);
	}

	static InvalidVirtualImageSpecException of(Path file, String field, String problem) {
		return new InvalidVirtualImageSpecException(
				"virtual image spec " + file + ": " + (field == null ? "" : field + " ") + problem);
	}

}
