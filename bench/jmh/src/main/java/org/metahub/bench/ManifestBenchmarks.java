package org.metahub.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.metahub.filters.manifest.Descriptor;
import org.metahub.filters.manifest.FeatureMatcher;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.ManifestList;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.manifest.RewrittenList;
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

/**
 * The per-request work of a manifest list served by tag: parse, match, rewrite (parse + match +
 * serialise + digest). Only public constructors and methods are used, so small API changes elsewhere
 * do not break the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestBenchmarks {

	/** Entries in the list: a small multi-arch image, and one with many CPU variants. */
	@Param({ "4", "32" })
	public int entries;

	private byte[] list;

	private List<Descriptor> descriptors;

	private final ManifestListParser parser = new ManifestListParser();

	private final FeatureMatcher matcher = new FeatureMatcher();

	private final IndexRewriter rewriter = new IndexRewriter(parser, matcher);

	private final Set<String> features = Lists.BROADWELL;

	@Setup
	public void setUp() {
		list = Lists.list(entries);
		descriptors = parser.parse(list).manifests();
	}

	@Benchmark
	public ManifestList parse() {
		return parser.parse(list);
	}

	@Benchmark
	public List<Descriptor> match() {
		return matcher.select(descriptors, features);
	}

	@Benchmark
	public RewrittenList rewrite() {
		return rewriter.rewrite(list, Lists.DOCKER_LIST, features);
	}

}
