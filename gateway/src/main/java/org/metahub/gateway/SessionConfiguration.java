package org.metahub.gateway;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.metahub.config.LoginThrottleProperties;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.SessionProperties;
import org.metahub.config.TokenRequestProperties;
import org.metahub.filters.session.AuthenticationFilter;
import org.metahub.filters.session.Challenges;
import org.metahub.filters.session.CredentialCache;
import org.metahub.filters.session.CredentialVerifier;
import org.metahub.filters.session.InMemoryLoginFailures;
import org.metahub.filters.session.InMemorySessionStore;
import org.metahub.filters.session.LoginFailures;
import org.metahub.filters.session.LoginMetrics;
import org.metahub.filters.session.LoginThrottle;
import org.metahub.filters.session.MachineTypeDirectory;
import org.metahub.filters.session.PasswordEncoders;
import org.metahub.filters.session.RedisLoginFailures;
import org.metahub.filters.session.RedisSessionStore;
import org.metahub.filters.session.ScopeLimits;
import org.metahub.filters.session.SessionStore;
import org.metahub.filters.session.TokenIssuer;
import org.metahub.filters.session.TokenService;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Wires logins and sessions: the machine types, the credential verifier shared by the token endpoint
 * and the authentication filter with its login throttle, and the session store and the throttle's
 * counts (Redis when configured, else in memory).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/** Most sessions (access and refresh tokens) one gateway keeps without Redis. */
	static final int IN_MEMORY_SESSIONS = 100_000;

	/** Most throttle keys (login and address pairs, addresses) one gateway counts without Redis. */
	static final int IN_MEMORY_LOGIN_FAILURE_KEYS = 100_000;

	@Bean
	MachineTypeDirectory machineTypeDirectory(MachineTypeProperties properties) {
		MachineTypeDirectory directory = new MachineTypeDirectory(properties.machineTypes());
		directory.warnAboutPlainPasswords();
		return directory;
	}

	@Bean
	CredentialVerifier credentialVerifier(MachineTypeDirectory machineTypes, SessionProperties properties,
			LoginThrottle throttle) {
		CredentialCache cache = new CredentialCache(properties.credentialCacheSize(), properties.credentialCacheTtl(),
				Clock.systemUTC());
		return new CredentialVerifier(machineTypes, PasswordEncoders.delegating(), cache, throttle);
	}

	@Bean
	LoginThrottle loginThrottle(LoginFailures failures, LoginThrottleProperties limits, MeterRegistry meters) {
		return new LoginThrottle(failures, limits, new LoginMetrics(meters), Schedulers.parallel());
	}

	@Bean
	@ConditionalOnRedis
	LoginFailures redisLoginFailures(ReactiveStringRedisTemplate redis) {
		return new RedisLoginFailures(redis);
	}

	@Bean
	@ConditionalOnRedis(false)
	LoginFailures inMemoryLoginFailures() {
		return new InMemoryLoginFailures(IN_MEMORY_LOGIN_FAILURE_KEYS, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnRedis
	SessionStore redisSessionStore(ReactiveStringRedisTemplate redis) {
		return new RedisSessionStore(redis, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnRedis(false)
	SessionStore inMemorySessionStore() {
		return new InMemorySessionStore(IN_MEMORY_SESSIONS, Clock.systemUTC());
	}

	@Bean
	Challenges challenges(SessionProperties properties) {
		return new Challenges(properties);
	}

	@Bean
	TokenService tokenService(CredentialVerifier verifier, SessionStore sessions, MachineTypeDirectory machineTypes,
			SessionProperties properties, TokenRequestProperties limits) {
		TokenIssuer issuer = new TokenIssuer(sessions, properties.tokenTtl(), properties.refreshTokenTtl(),
				Clock.systemUTC());
		return new TokenService(verifier, sessions, machineTypes, issuer, properties.service(), new ScopeLimits(limits));
	}

	@Bean
	AuthenticationFilter authenticationFilter(SessionStore sessions, CredentialVerifier verifier,
			MachineTypeDirectory machineTypes, Challenges challenges) {
		return new AuthenticationFilter(sessions, verifier, machineTypes, challenges);
	}

}
