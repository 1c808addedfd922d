package org.metahub.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.metahub.filters.oci.Digests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code sha256:<hex>} of a rewritten list (about 1 KiB) and of a large one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DigestBenchmarks {

	@Param({ "1024", "65536" })
	public int bytes;

	private byte[] content;

	@Setup
	public void setUp() {
		content = new byte[bytes];
		new Random(42).nextBytes(content);
	}

	@Benchmark
	public String sha256() {
		return Digests.sha256(content);
	}

}
