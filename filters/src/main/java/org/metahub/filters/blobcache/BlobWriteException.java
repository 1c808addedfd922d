package org.metahub.filters.blobcache;

import java.io.IOException;

/** Why a blob was not stored; nothing of it is kept. A {@link Reason#DIGEST_MISMATCH} is a SECURITY event. */
public final class BlobWriteException extends IOException {

	public enum Reason {
		/** The bytes do not hash to the digest they were written for. */
		DIGEST_MISMATCH,
		/** More or fewer bytes than the announced size. */
		SIZE_MISMATCH,
		/** Larger than the whole store. */
		TOO_LARGE,
		/** Other writes in progress hold the room it needs, or the disk's free space would drop below the floor. */
		NO_ROOM,
		/** The disk refused: full, read-only, gone. */
		WRITE_ERROR;

		/** The bytes may be right, the store just could not keep them: they can pass through. */
		public boolean isStorage() {
			return this == TOO_LARGE || this == NO_ROOM || this == WRITE_ERROR;
		}
	}

	private final Reason reason;

	BlobWriteException(Reason reason, String message) {
		this(reason, message, null);
	}

	BlobWriteException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

}
