package org.metahub.gateway;

import java.time.Clock;

import io.lettuce.core.ClientOptions;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.SessionProperties;
import org.metahub.filters.session.AuthenticationFilter;
import org.metahub.filters.session.Challenges;
import org.metahub.filters.session.CredentialCache;
import org.metahub.filters.session.CredentialVerifier;
import org.metahub.filters.session.InMemorySessionStore;
import org.metahub.filters.session.MachineTypeDirectory;
import org.metahub.filters.session.RedisSessionStore;
import org.metahub.filters.session.SessionStore;
import org.metahub.filters.session.TokenIssuer;
import org.metahub.filters.session.TokenService;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Wires logins and sessions: the machine types, the credential verifier shared by the token endpoint
 * and the authentication filter, and the session store (Redis when configured, else in memory).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/** Most sessions (access and refresh tokens) one gateway keeps without Redis. */
	static final int IN_MEMORY_SESSIONS = 100_000;

	@Bean
	MachineTypeDirectory machineTypeDirectory(MachineTypeProperties properties) {
		MachineTypeDirectory directory = new MachineTypeDirectory(properties.machineTypes());
		directory.warnAboutPlainPasswords();
		return directory;
	}

	@Bean
	CredentialVerifier credentialVerifier(MachineTypeDirectory machineTypes, SessionProperties properties) {
		CredentialCache cache = new CredentialCache(properties.credentialCacheSize(), properties.credentialCacheTtl(),
				Clock.systemUTC());
		return new CredentialVerifier(machineTypes, PasswordEncoderFactories.createDelegatingPasswordEncoder(), cache);
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

	/** Without a connection, Redis commands fail at once instead of waiting for a reconnect: fail closed, fast. */
	@Bean
	@ConditionalOnRedis
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	Challenges challenges(SessionProperties properties) {
		return new Challenges(properties);
	}

	@Bean
	TokenService tokenService(CredentialVerifier verifier, SessionStore sessions, MachineTypeDirectory machineTypes,
			SessionProperties properties) {
		TokenIssuer issuer = new TokenIssuer(sessions, properties.tokenTtl(), properties.refreshTokenTtl(),
				Clock.systemUTC());
		return new TokenService(verifier, sessions, machineTypes, issuer, properties.service());
	}

	@Bean
	AuthenticationFilter authenticationFilter(SessionStore sessions, CredentialVerifier verifier,
			MachineTypeDirectory machineTypes, Challenges challenges) {
		return new AuthenticationFilter(sessions, verifier, machineTypes, challenges);
	}

}
