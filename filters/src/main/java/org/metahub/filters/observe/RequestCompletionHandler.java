package org.metahub.filters.observe;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.metahub.config.MachineType;
import org.metahub.filters.ExchangeAttributes;
import org.metahub.filters.oci.DistributionPath;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Logs and measures every request once it is finished. It listens to Spring's server request
 * observation rather than being a web filter because that observation stops after the error
 * handlers ran, so the status is the one the client received.
 */
public class RequestCompletionHandler implements ObservationHandler<ServerRequestObservationContext> {

	private static final String START_NANOS = RequestCompletionHandler.class.getName() + ".start";

	private final RequestMetrics metrics;

	private final AccessLog accessLog;

	private final String excludedPathPrefix;

	/**
	 * @param excludedPathPrefix requests under this path (the actuator's, probed and scraped all
	 * the time) are neither logged nor counted
	 */
	public RequestCompletionHandler(RequestMetrics metrics, AccessLog accessLog, String excludedPathPrefix) {
		this.metrics = metrics;
		this.accessLog = accessLog;
		this.excludedPathPrefix = excludedPathPrefix;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(START_NANOS, System.nanoTime());
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		if (request.getPath().value().startsWith(excludedPathPrefix)) {
			return;
		}
		Long start = context.get(START_NANOS);
		long duration = start == null ? 0 : System.nanoTime() - start;
		CompletedRequest completed = describe(request, context.getResponse(), context.getAttributes(), duration,
				context.isConnectionAborted());
		metrics.record(completed);
		accessLog.log(completed);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	static CompletedRequest describe(ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> attributes, long durationNanos, boolean aborted) {
		DistributionPath path = (DistributionPath) attributes.get(ExchangeAttributes.DISTRIBUTION_PATH);
		MachineType machineType = (MachineType) attributes.get(ExchangeAttributes.MACHINE_TYPE);
		HttpStatusCode status = response == null ? null : response.getStatusCode();
		long bytes = response instanceof CountingResponse counting ? counting.bytesSent() : 0;
		return new CompletedRequest(request.getMethod().name(), LoggedPath.of(request),
				RequestKind.of(request.getPath().value(), path), status == null ? 200 : status.value(), bytes,
				durationNanos, machineType == null ? CompletedRequest.ANONYMOUS : machineType.name(),
				path == null ? null : path.name(), (String) attributes.get(ExchangeAttributes.SERVED_DIGEST), aborted);
	}

}
