package org.metahub.gateway;

import org.metahub.config.FeatureImplicationProperties;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.ManifestProperties;
import org.metahub.filters.features.FeatureImplications;
import org.metahub.filters.manifest.FeatureMatcher;
import org.metahub.filters.manifest.InMemoryManifestStore;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.manifest.ManifestSelectionFilter;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.RedisManifestStore;
import org.metahub.filters.manifest.RewrittenManifestFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Wires manifest selection: the feature implications, each machine type's profile, the matcher and rewriter,
 * the store of rewritten lists, and the two filters.
 */
@Configuration(proxyBeanMethods = false)
class ManifestConfiguration {

	/** The built-in x86 table plus {@code metahub.feature-implications}. */
	@Bean
	FeatureImplications featureImplications(FeatureImplicationProperties properties) {
		return FeatureImplications.builtIn().with(properties.featureImplications());
	}

	/** Each machine type's closure and options, computed once here rather than per request. */
	@Bean
	MachineProfiles machineProfiles(MachineTypeProperties machineTypes, FeatureImplications implications) {
		return new MachineProfiles(machineTypes.machineTypes(), implications);
	}

	@Bean
	FeatureMatcher featureMatcher(FeatureImplications implications) {
		return new FeatureMatcher(implications);
	}

	@Bean
	IndexRewriter indexRewriter(FeatureMatcher featureMatcher) {
		return new IndexRewriter(new ManifestListParser(), featureMatcher);
	}

	@Bean
	ManifestSelectionFilter manifestSelectionFilter(IndexRewriter indexRewriter, ManifestStore manifestStore,
			ManifestProperties properties) {
		return new ManifestSelectionFilter(indexRewriter, manifestStore, (int) properties.maxSize().toBytes());
	}

	@Bean
	RewrittenManifestFilter rewrittenManifestFilter(ManifestStore manifestStore) {
		return new RewrittenManifestFilter(manifestStore);
	}

	@Bean
	@ConditionalOnRedis
	ManifestStore redisManifestStore(ReactiveRedisConnectionFactory connectionFactory, ManifestProperties properties) {
		return new RedisManifestStore(connectionFactory, properties.storeTtl());
	}

	@Bean
	@ConditionalOnRedis(false)
	ManifestStore inMemoryManifestStore(ManifestProperties properties) {
		return new InMemoryManifestStore(properties.storeSize());
	}

}
