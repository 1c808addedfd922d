package org.metahub.gateway;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.config.Upstreams;
import org.metahub.config.VirtualImageProperties;
import org.metahub.filters.fetch.ListSelection;
import org.metahub.filters.fetch.ManifestCache;
import org.metahub.filters.fetch.ManifestFetcher;
import org.metahub.filters.manifest.IndexRewriter;
import org.metahub.filters.manifest.MachineProfiles;
import org.metahub.filters.manifest.ManifestStore;
import org.metahub.filters.upstream.UpstreamAuthFilter;
import org.metahub.filters.virtualimage.ComponentUpstreams;
import org.metahub.filters.virtualimage.VirtualDigestIndex;
import org.metahub.filters.virtualimage.VirtualImageFilter;
import org.metahub.filters.virtualimage.VirtualImageSpecLoader;
import org.metahub.filters.virtualimage.VirtualImages;
import org.metahub.filters.virtualimage.VirtualIndexBuilder;
import org.metahub.filters.virtualimage.VirtualIndexResolver;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires virtual images: the specs read from {@code metahub.virtual-images.location} at start-up (an
 * invalid spec stops start-up, naming the file and the field), the index builder, the digest index and
 * the filter that serves them. Components are fetched with the upstream auth filter's credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VirtualImageProperties.class)
class VirtualImageConfiguration {

	private static final Log logger = LogFactory.getLog(VirtualImageConfiguration.class);

	@Bean
	VirtualImages virtualImages(VirtualImageProperties properties) {
		if (!properties.enabled()) {
			return VirtualImages.none();
		}
		VirtualImages images = new VirtualImages(new VirtualImageSpecLoader().load(properties.location()));
		logger.info("Virtual images from " + properties.location() + ": " + images.names());
		return images;
	}

	@Bean
	VirtualIndexBuilder virtualIndexBuilder() {
		return new VirtualIndexBuilder();
	}

	@Bean
	VirtualDigestIndex virtualDigestIndex(VirtualImageProperties properties) {
		return new VirtualDigestIndex(properties.digestIndexSize());
	}

	@Bean
	ComponentUpstreams componentUpstreams(Upstreams upstreams, UpstreamAuthFilter upstreamAuthFilter,
			ManifestFetcher manifestFetcher) {
		return new ComponentUpstreams(upstreams, upstreamAuthFilter, manifestFetcher);
	}

	@Bean
	VirtualImageFilter virtualImageFilter(VirtualImages images, ComponentUpstreams components,
			VirtualIndexBuilder builder, VirtualDigestIndex digests, ManifestStore manifestStore,
			ManifestCache manifestCache, MachineProfiles machineProfiles, IndexRewriter indexRewriter) {
		VirtualIndexResolver resolver = new VirtualIndexResolver(components, builder, manifestStore, digests);
		return new VirtualImageFilter(images, resolver, components, digests,
				new ListSelection(indexRewriter, manifestStore, manifestCache), machineProfiles, indexRewriter);
	}

}
