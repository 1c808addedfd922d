package org.metahub.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import org.metahub.config.BlobCacheProperties;
import org.metahub.filters.blobcache.BlobCacheFilter;
import org.metahub.filters.blobcache.BlobCacheMetrics;
import org.metahub.filters.blobcache.BlobFills;
import org.metahub.filters.blobcache.BlobStore;
import org.metahub.filters.blobcache.BlobUpstreamClient;
import org.metahub.filters.blobcache.ConfirmedBlobs;
import org.metahub.filters.blobcache.DiskBlobStore;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Wires the blob cache unless {@code metahub.blob-cache.enabled} is false: the disk store, the fills that
 * concurrent clients join, the record of confirmed (upstream, repository, digest) triples (kept in the
 * cache's folder, so cached blobs are served after a restart with the upstream down), its metrics, and
 * the filter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "metahub.blob-cache.enabled", havingValue = "true", matchIfMissing = true)
class BlobCacheConfiguration {

	private static final int CHUNK_SIZE = 64 * 1024;

	/** Confirmed triples kept; the least recently used one is asked again. */
	private static final int CONFIRMED_ENTRIES = 100_000;

	/** The file of confirmed triples, beside the entries. */
	private static final String CONFIRMED_FILE = "confirmed-blobs";

	@Bean
	BlobStore blobStore(BlobCacheProperties properties) {
		long minFreeSpace = properties.minFreeSpace() == null ? -1 : properties.minFreeSpace().toBytes();
		return new DiskBlobStore(properties.path(), properties.maxSize().toBytes(), minFreeSpace);
	}

	@Bean
	BlobCacheMetrics blobCacheMetrics(MeterRegistry registry, BlobStore store) {
		return new BlobCacheMetrics(registry, store);
	}

	@Bean
	BlobCacheFilter blobCacheFilter(BlobStore store, BlobCacheMetrics metrics, BlobCacheProperties properties,
			HttpClient gatewayHttpClient, HttpClientProperties httpClientProperties) {
		BlobFills fills = new BlobFills(store, Schedulers.boundedElastic(), DefaultDataBufferFactory.sharedInstance,
				CHUNK_SIZE, metrics);
		ConfirmedBlobs confirmed = ConfirmedBlobs.durable(properties.path().resolve(CONFIRMED_FILE), CONFIRMED_ENTRIES);
		return new BlobCacheFilter(store, fills, confirmed,
				new BlobUpstreamClient(gatewayHttpClient, httpClientProperties.getResponseTimeout()),
				Schedulers.boundedElastic(), metrics);
	}

	@Bean
	GlobalFilter blobCacheHitFilter(BlobCacheFilter blobCacheFilter) {
		return blobCacheFilter.hits();
	}

}
