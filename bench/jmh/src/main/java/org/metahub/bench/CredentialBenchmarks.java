package org.metahub.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.metahub.config.MachineType;
import org.metahub.filters.session.BasicCredentials;
import org.metahub.filters.session.CredentialCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What every request with {@code Authorization: Basic} costs once the login was seen: header parse and cache hit. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CredentialBenchmarks {

	private static final String HEADER = "Basic cW5pYi10eXBlMTpxbmliLXR5cGUx";

	private CredentialCache cache;

	@Setup
	public void setUp() {
		cache = new CredentialCache(1000, Duration.ofMinutes(5), Clock.systemUTC());
		cache.put(BasicCredentials.parse(HEADER),
				new MachineType("qnib-type1", "qnib-type1", "{noop}qnib-type1", java.util.List.of("cpu:broadwell")));
	}

	@Benchmark
	public Optional<MachineType> repeatLogin() {
		return cache.get(BasicCredentials.parse(HEADER));
	}

}
