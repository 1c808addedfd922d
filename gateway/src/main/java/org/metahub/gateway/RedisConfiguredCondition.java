package org.metahub.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the presence of Redis configuration is what {@link ConditionalOnRedis} asks for. */
class RedisConfiguredCondition implements Condition {

	static final List<String> REDIS_PROPERTIES = List.of("spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRedis.class.getName());
		boolean wanted = attributes == null || (boolean) attributes.get("value");
		return isConfigured(context.getEnvironment()) == wanted;
	}

	static boolean isConfigured(Environment environment) {
		return REDIS_PROPERTIES.stream().anyMatch(property -> {
			String value = environment.getProperty(property);
			return value != null && !value.isBlank();
		});
	}

}
