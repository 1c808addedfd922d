package org.metahub.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Applies when Redis is configured through Spring Boot's standard properties: a URL, a host, a
 * Sentinel master or Cluster nodes. Without any of them the in-memory stores are used.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(RedisConfiguredCondition.class)
public @interface ConditionalOnRedis {

	/** Whether the annotated bean wants Redis configured ({@code true}) or absent ({@code false}). */
	boolean value() default true;

}
