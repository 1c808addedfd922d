package org.metahub.gateway;

import org.metahub.filters.fetch.ManifestFetcher;
import org.metahub.filters.fetch.UpstreamManifestClient;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.referrers.ReferrersFilter;
import org.metahub.filters.tags.TagListFilter;
import org.metahub.filters.tags.TagPager;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the content discovery endpoints the gateway answers itself: tag pages and referrers. */
@Configuration(proxyBeanMethods = false)
class ContentDiscoveryConfiguration {

	@Bean
	TagListFilter tagListFilter(UpstreamManifestClient upstreamManifestClient) {
		return new TagListFilter(new TagPager(upstreamManifestClient));
	}

	@Bean
	ReferrersFilter referrersFilter(UpstreamManifestClient upstreamManifestClient, ManifestFetcher manifestFetcher,
			ManifestStore manifestStore) {
		return new ReferrersFilter(upstreamManifestClient, manifestFetcher, manifestStore);
	}

}
