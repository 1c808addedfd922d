package org.metahub.filters.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MachineTypeDirectoryTest {

	@Test
	void findsMachineTypesByLogin() {
		assertThat(Fixtures.DIRECTORY.find("node-skylake")).contains(Fixtures.SKYLAKE);
		assertThat(Fixtures.DIRECTORY.find("skylake")).isEmpty();
	}

	@Test
	void warnsOncePerPlainPasswordWithoutShowingIt(CapturedOutput output) {
		Fixtures.DIRECTORY.warnAboutPlainPasswords();
		assertThat(output.getOut()).containsOnlyOnce("'broadwell' (login 'node-broadwell') has a {noop} password")
			.doesNotContain("node-skylake")
			.doesNotContain("broadwell-secret");
	}

}
