package org.metahub.filters.explain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a login receives what it receives for an image: the answer of {@code GET /metahub/v1/explain}.
 *
 * @param image the image asked about, as {@code name:tag} or {@code name@digest}
 * @param login the login asked about
 * @param machineType the machine type's name
 * @param platform the machine type's platform, whose entries are matched
 * @param fallback the machine type's fallback option
 * @param resolve the machine type's resolve option
 * @param declaredFeatures the features the machine type declares
 * @param impliedFeatures the features those imply, the declared ones left out
 * @param mediaType the upstream manifest's media type
 * @param upstreamDigest the digest of the manifest as the upstream serves it
 * @param outcome {@code rewritten}, {@code unchanged} (the list already fits), {@code manifest-unknown} (the login
 *        gets 404) or {@code not-a-list} (a single image passes through)
 * @param entries one per list entry, in list order
 * @param chosen the digest of the entry chosen for the machine's platform, or none
 * @param servedDigest the digest of the list the login receives; absent when it gets 404
 * @param error the error the login gets, when it gets one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String image, String login, String machineType, String platform, String fallback,
		String resolve, List<String> declaredFeatures, List<String> impliedFeatures, String mediaType,
		String upstreamDigest, String outcome, List<Entry> entries, List<String> chosen, String servedDigest,
		String error) {

	/**
	 * One entry of the list and its verdict.
	 *
	 * @param index position in the list, from 0
	 * @param digest the entry's digest
	 * @param platform {@code os/architecture[/variant]}
	 * @param requiredFeatures its features plus the x86-64 level of an amd64 variant
	 * @param verdict {@code chosen}, {@code compatible}, {@code incompatible}, {@code fallback},
	 *        {@code fallback-disabled} or {@code other-platform-kept}
	 * @param reason why, in one sentence
	 * @param outrankedBy the chosen digest, for an entry that lost to it
	 * @param missingFeatures what the machine lacks, for an incompatible entry
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Entry(int index, String digest, String platform, List<String> requiredFeatures, String verdict,
			String reason, String outrankedBy, List<String> missingFeatures) {
	}

}
