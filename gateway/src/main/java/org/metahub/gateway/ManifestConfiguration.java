package org.metahub.gateway;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.metahub.config.FeatureImplicationProperties;
import org.metahub.config.MachineTypeProperties;
import org.metahub.config.ManifestCacheProperties;
import org.metahub.config.ManifestProperties;
import org.metahub.filters.features.FeatureImplications;
import org.metahub.filters.fetch.InMemoryManifestCacheStore;
import org.metahub.filters.fetch.ListSelection;
import org.metahub.filters.fetch.ManifestCache;
import org.metahub.filters.fetch.ManifestCacheMetrics;
import org.metahub.filters.fetch.ManifestCacheStore;
import org.metahub.filters.fetch.ManifestFetchFilter;
import org.metahub.filters.fetch.ManifestFetcher;
import org.metahub.filters.fetch.RedisManifestCacheStore;
import org.metahub.filters.fetch.UpstreamManifestClient;
import org.metahub.filters.manifest.FeatureMatcher;
import org.metahub.filters.manifest.InMemoryManifestStore;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.ManifestListParser;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.manifest.NearCachedManifestStore;
import org.metahub.filters.manifest.RedisManifestStore;
import org.metahub.filters.manifest.RewrittenManifestFilter;
import org.metahub.filters.upstream.UnreachableUpstreams;
import org.metahub.filters.upstream.UpstreamOutages;
import reactor.netty.http.client.HttpClient;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Wires manifest handling: the feature implications, each machine type's profile, the matcher and
 * rewriter, the store of rewritten lists, the manifest cache and its upstream fetcher, and the two filters.
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
	RewrittenManifestFilter rewrittenManifestFilter(ManifestStore manifestStore) {
		return new RewrittenManifestFilter(manifestStore);
	}

	@Bean
	ManifestCacheMetrics manifestCacheMetrics(MeterRegistry registry) {
		return new ManifestCacheMetrics(registry);
	}

	/** With Redis, immutable entries and fresh tags also go to a bounded near copy: no round trip per request. */
	@Bean
	ManifestCache manifestCache(ManifestCacheStore store, ManifestCacheMetrics metrics, ManifestCacheProperties cache) {
		ManifestCacheStore near = store instanceof RedisManifestCacheStore
				? new InMemoryManifestCacheStore(cache.cacheEntries(), cache.cacheBytes().toBytes()) : null;
		return new ManifestCache(store, near, metrics);
	}

	/** Shares the gateway's HTTP client (connect timeout, TLS, proxy) and its response timeout. */
	@Bean
	UpstreamManifestClient upstreamManifestClient(HttpClient gatewayHttpClient,
			HttpClientProperties httpClientProperties, ManifestProperties manifest) {
		return new UpstreamManifestClient(gatewayHttpClient, httpClientProperties.getResponseTimeout(),
				(int) manifest.maxSize().toBytes());
	}

	@Bean
	ManifestFetcher manifestFetcher(UpstreamManifestClient upstreamManifestClient, ManifestCacheProperties cache,
			ManifestCache manifestCache, ManifestCacheMetrics metrics, UnreachableUpstreams unreachable,
			UpstreamOutages outages) {
		return new ManifestFetcher(upstreamManifestClient, manifestCache, metrics, cache.tagFreshness(),
				Clock.systemUTC(), unreachable, outages);
	}

	@Bean
	ManifestFetchFilter manifestFetchFilter(ManifestFetcher fetcher, IndexRewriter indexRewriter,
			ManifestStore manifestStore, ManifestCache manifestCache, MachineProfiles machineProfiles) {
		return new ManifestFetchFilter(fetcher, new ListSelection(indexRewriter, manifestStore, manifestCache),
				machineProfiles, indexRewriter);
	}

	@Bean
	@ConditionalOnRedis
	ManifestStore redisManifestStore(ReactiveRedisConnectionFactory connectionFactory, ManifestProperties properties) {
		return new NearCachedManifestStore(new RedisManifestStore(connectionFactory, properties.storeTtl()),
				properties.storeSize());
	}

	@Bean
	@ConditionalOnRedis(false)
	ManifestStore inMemoryManifestStore(ManifestProperties properties) {
		return new InMemoryManifestStore(properties.storeSize());
	}

	@Bean
	@ConditionalOnRedis
	ManifestCacheStore redisManifestCacheStore(ReactiveRedisConnectionFactory connectionFactory,
			ManifestCacheProperties properties) {
		return new RedisManifestCacheStore(connectionFactory, properties.cacheTtl());
	}

	@Bean
	@ConditionalOnRedis(false)
	ManifestCacheStore inMemoryManifestCacheStore(ManifestCacheProperties properties) {
		return new InMemoryManifestCacheStore(properties.cacheEntries(), properties.cacheBytes().toBytes());
	}

}
