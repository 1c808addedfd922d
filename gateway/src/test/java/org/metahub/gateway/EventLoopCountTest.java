package org.metahub.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ReactorNetty;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway runs one event loop per core unless the operator chose a number. */
class EventLoopCountTest {

	private String before;

	@BeforeEach
	void rememberTheSetting() {
		before = System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
	}

	@AfterEach
	void restoreTheSetting() {
		if (before == null) {
			System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
		}
		else {
			System.setProperty(ReactorNetty.IO_WORKER_COUNT, before);
		}
	}

	@Test
	void oneEventLoopPerCoreByDefault() {
		MetahubGatewayApplication.useOneEventLoopPerCore();

		assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT))
			.isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void keepsTheOperatorsChoice() {
		System.setProperty(ReactorNetty.IO_WORKER_COUNT, "7");

		MetahubGatewayApplication.useOneEventLoopPerCore();

		assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("7");
	}

}
