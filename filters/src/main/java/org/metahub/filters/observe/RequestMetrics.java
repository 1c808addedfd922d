package org.metahub.filters.observe;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records finished requests: {@code metahub.requests} (timer by kind, method, status, machine type),
 * {@code metahub.bytes.sent} (counter by kind) and {@code metahub.manifest.selections} (counter by
 * image, machine type and the digest served).
 */
public class RequestMetrics {

	private final MeterRegistry registry;

	public RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public void record(CompletedRequest request) {
		Timer.builder("metahub.requests")
			.description("Requests answered by the gateway")
			.tag("kind", request.kind())
			.tag("method", method(request.method()))
			.tag("status", String.valueOf(request.status()))
			.tag("machine_type", request.machineType())
			.register(registry)
			.record(request.durationNanos(), TimeUnit.NANOSECONDS);
		Counter.builder("metahub.bytes.sent")
			.description("Response body bytes handed to clients")
			.tag("kind", request.kind())
			.register(registry)
			.increment(request.bytesSent());
		if (request.servedDigest() != null && request.image() != null) {
			Counter.builder("metahub.manifest.selections")
				.description("Manifests served, by image, machine type and the digest chosen")
				.tag("image", request.image())
				.tag("machine_type", request.machineType())
				.tag("digest", request.servedDigest())
				.register(registry)
				.increment();
		}
	}

	// clients choose the method: anything but the gateway's two reads is folded into one tag value
	private static String method(String method) {
		return method.equals("GET") || method.equals("HEAD") ? method : "OTHER";
	}

}
