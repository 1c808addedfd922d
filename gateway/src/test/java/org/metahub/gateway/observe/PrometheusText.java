package org.metahub.gateway.observe;

import java.util.Arrays;

/** Reads one sample from a Prometheus text exposition. */
final class PrometheusText {

	private PrometheusText() {
	}

	/** The value of the sample named {@code name} whose labels contain every fragment, or 0 when there is none. */
	static double sample(String exposition, String name, String... labelFragments) {
		return exposition.lines()
			.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter(line -> Arrays.stream(labelFragments).allMatch(line::contains))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
