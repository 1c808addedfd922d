package org.metahub.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding and start-up validation of a machine type's options ({@code metahub.machine-types[]}). */
class MachineTypeTest {

	@Test
	void optionsDefaultWhenNotGiven() {
		MachineType type = bind(Map.of()).machineTypes().get(0);

		assertThat(type.fallback()).isEqualTo(MachineType.Fallback.GENERIC);
		assertThat(type.resolve()).isEqualTo(MachineType.Resolve.LIST);
		assertThat(type.platform()).isEqualTo("linux/amd64");
		assertThat(type.pinned()).isEqualTo(MachineType.Pinned.PASSTHROUGH);
		assertThat(type).isEqualTo(new MachineType("node", "node", "{noop}x", List.of("cpu:skylake")));
	}

	@Test
	void optionsBindCaseInsensitively() {
		MachineType type = bind(Map.of("fallback", "None", "resolve", "image", "platform", "linux/arm64/v8",
				"pinned", "REJECT")).machineTypes().get(0);

		assertThat(type.fallback()).isEqualTo(MachineType.Fallback.NONE);
		assertThat(type.resolve()).isEqualTo(MachineType.Resolve.IMAGE);
		assertThat(type.platform()).isEqualTo("linux/arm64/v8");
		assertThat(type.pinned()).isEqualTo(MachineType.Pinned.REJECT);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"fallback|generc|metahub.machine-types[].fallback: login 'node' has 'generc'; allowed are [generic, none]",
			"resolve|manifest|metahub.machine-types[].resolve: login 'node' has 'manifest'; allowed are [list, image]",
			"pinned|allow|metahub.machine-types[].pinned: login 'node' has 'allow'; allowed are [passthrough, reject]",
			"platform|amd64|metahub.machine-types[].platform: login 'node' has platform 'amd64'",
			"platform|linux/amd64/v3/x|metahub.machine-types[].platform: login 'node' has platform 'linux/amd64/v3/x'",
			"platform|Linux/AMD64|metahub.machine-types[].platform: login 'node' has platform 'Linux/AMD64'" })
	void badOptionsStopStartUpNamingTheKeyAndTheLogin(String key, String value, String message) {
		assertThatThrownBy(() -> bind(Map.of(key, value))).isInstanceOf(BindException.class)
			.rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith(message);
	}

	@Test
	void blankFeaturesAreRefused() {
		assertThatThrownBy(() -> new MachineType("n", "node", "{noop}x", java.util.Arrays.asList("cpu:skylake", " ")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("login 'node'");
	}

	private static MachineTypeProperties bind(Map<String, String> options) {
		Map<String, String> source = new LinkedHashMap<>();
		source.put("metahub.machine-types[0].login", "node");
		source.put("metahub.machine-types[0].password", "{noop}x");
		source.put("metahub.machine-types[0].features[0]", "cpu:skylake");
		options.forEach((key, value) -> source.put("metahub.machine-types[0]." + key, value));
		return new Binder(new MapConfigurationPropertySource(source)).bind("metahub", MachineTypeProperties.class)
			.get();
	}

}
