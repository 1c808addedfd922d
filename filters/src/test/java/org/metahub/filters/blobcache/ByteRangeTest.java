package org.metahub.filters.blobcache;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			bytes=0-99        | 0  | 99
			bytes=10-19       | 10 | 19
			bytes=90-         | 90 | 99
			bytes=90-500      | 90 | 99
			bytes=-10         | 90 | 99
			bytes=-500        | 0  | 99
			BYTES=5-5         | 5  | 5
			""")
	void aSingleRangeIsCutToTheBlob(String header, long first, long last) {
		assertThat(ByteRange.parse(header, 100)).hasValue(new ByteRange(first, last));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			bytes=100-
			bytes=100-200
			bytes=-0
			""")
	void aRangeOutsideTheBlobIsUnsatisfiable(String header) {
		assertThat(ByteRange.parse(header, 100)).hasValue(ByteRange.UNSATISFIABLE);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			none
			bytes=0-9,20-29
			items=0-9
			bytes=9-0
			bytes=a-b
			bytes=
			""")
	void severalRangesOrNoneServeTheWholeBlob(String header) {
		assertThat(ByteRange.parse(header, 100)).isEqualTo(Optional.empty());
	}

}
