package org.metahub.filters.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	// meters by their tags: building and registering one costs more than the rest of the recording
	private final Map<RequestTags, Timer> requests = new ConcurrentHashMap<>();

	private final Map<String, Counter> bytesSent = new ConcurrentHashMap<>();

	private final Map<SelectionTags, Counter> selections = new ConcurrentHashMap<>();

	public RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public void record(CompletedRequest request) {
		requests.computeIfAbsent(RequestTags.of(request), this::requestTimer)
			.record(request.durationNanos(), TimeUnit.NANOSECONDS);
		bytesSent.computeIfAbsent(request.kind(), this::bytesSentCounter).increment(request.bytesSent());
		if (request.servedDigest() != null && request.image() != null) {
			selections.computeIfAbsent(SelectionTags.of(request), this::selectionCounter).increment();
		}
	}

	private Timer requestTimer(RequestTags tags) {
		return Timer.builder("metahub.requests")
			.description("Requests answered by the gateway")
			.tag("kind", tags.kind())
			.tag("method", tags.method())
			.tag("status", String.valueOf(tags.status()))
			.tag("machine_type", tags.machineType())
			.register(registry);
	}

	private Counter bytesSentCounter(String kind) {
		return Counter.builder("metahub.bytes.sent")
			.description("Response body bytes handed to clients")
			.tag("kind", kind)
			.register(registry);
	}

	private Counter selectionCounter(SelectionTags tags) {
		return Counter.builder("metahub.manifest.selections")
			.description("Manifests served, by image, machine type and the digest chosen")
			.tag("image", tags.image())
			.tag("machine_type", tags.machineType())
			.tag("digest", tags.digest())
			.register(registry);
	}

	private record RequestTags(String kind, String method, int status, String machineType) {

		static RequestTags of(CompletedRequest request) {
			return new RequestTags(request.kind(), method(request.method()), request.status(), request.machineType());
		}

		// clients choose the method: anything but the gateway's two reads is folded into one tag value
		private static String method(String method) {
			return method.equals("GET") || method.equals("HEAD") ? method : "OTHER";
		}

	}

	private record SelectionTags(String image, String machineType, String digest) {

		static SelectionTags of(CompletedRequest request) {
			return new SelectionTags(request.image(), request.machineType(), request.servedDigest());
		}

	}

}
