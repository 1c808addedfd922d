package org.metahub.filters.fetch;

import java.util.function.Supplier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class SingleFlightTest {

	private final AtomicInteger shared = new AtomicInteger();

	private final SingleFlight<String, String> flights = new SingleFlight<>(shared::incrementAndGet);

	@Test
	void concurrentCallersShareOneExecutionAndLaterOnesStartAfresh() {
		AtomicInteger executions = new AtomicInteger();
		Sinks.One<String> answer = Sinks.one();
		List<Mono<String>> callers = IntStream.range(0, 10)
			.mapToObj(i -> flights.run("k", () -> {
				executions.incrementAndGet();
				return answer.asMono();
			}).cache())
			.toList();
		callers.forEach(caller -> caller.subscribe());
		answer.tryEmitValue("v");
		assertThat(callers).allSatisfy(caller -> assertThat(caller.block(Duration.ofSeconds(5))).isEqualTo("v"));
		assertThat(executions).hasValue(1);
		assertThat(shared).hasValue(9);
		assertThat(flights.inFlight()).isZero();
		assertThat(flights.run("k", () -> Mono.fromSupplier(() -> "again" + executions.incrementAndGet())).block())
			.isEqualTo("again2");
	}

	@Test
	void aFailureIsSharedAndForgotten() {
		AtomicInteger executions = new AtomicInteger();
		Mono<String> failing = flights.run("k", () -> {
			executions.incrementAndGet();
			return Mono.error(new IllegalStateException("down"));
		});
		assertThat(failing.onErrorReturn("failed").block()).isEqualTo("failed");
		assertThat(flights.run("k", () -> Mono.just("ok")).block()).isEqualTo("ok");
		assertThat(executions).hasValue(1);
	}

	@Test
	void aCallerReactingToTheResultStartsAfresh() {
		AtomicInteger executions = new AtomicInteger();
		SingleFlight<String, Integer> flights = new SingleFlight<>(() -> {
		});
		Supplier<Mono<Integer>> work = () -> Mono.fromCallable(executions::incrementAndGet);

		Integer second = flights.run("k", work).flatMap(first -> flights.run("k", work)).block(Duration.ofSeconds(5));

		assertThat(second).isEqualTo(2);
		assertThat(executions).hasValue(2);
	}

}
