package org.metahub.gateway;

import org.metahub.config.BlobCacheProperties;
import org.metahub.filters.blobcache.BlobCacheFilter;
import org.metahub.filters.blobcache.BlobFills;
import org.metahub.filters.blobcache.BlobStore;
import org.metahub.filters.blobcache.BlobUpstreamClient;
import org.metahub.filters.blobcache.ConfirmedBlobs;
import org.metahub.filters.blobcache.DiskBlobStore;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Wires the blob cache when {@code metahub.blob-cache.enabled} is true: the disk store, the fills that
 * concurrent clients join, the record of confirmed (upstream, repository, digest) triples, and the filter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "metahub.blob-cache.enabled", havingValue = "true")
class BlobCacheConfiguration {

	private static final int CHUNK_SIZE = 64 * 1024;

	/** Confirmed triples kept in memory; the least recently used one is asked again. */
	private static final int CONFIRMED_ENTRIES = 100_000;

	@Bean
	BlobStore blobStore(BlobCacheProperties properties) {
		return new DiskBlobStore(properties.path(), properties.maxSize().toBytes());
	}

	@Bean
	BlobCacheFilter blobCacheFilter(BlobStore store, HttpClient gatewayHttpClient, HttpClientProperties httpClientProperties) {
		BlobFills fills = new BlobFills(store, Schedulers.boundedElastic(), DefaultDataBufferFactory.sharedInstance, CHUNK_SIZE);
		return new BlobCacheFilter(store, fills, new ConfirmedBlobs(CONFIRMED_ENTRIES),
				new BlobUpstreamClient(gatewayHttpClient, httpClientProperties.getResponseTimeout()), Schedulers.boundedElastic());
	}

}
