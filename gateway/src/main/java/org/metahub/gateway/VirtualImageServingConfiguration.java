package org.metahub.gateway;

import org.metahub.config.Upstreams;
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
import org.metahub.filters.virtualimage.VirtualImages;
import org.metahub.filters.virtualimage.VirtualIndexBuilder;
import org.metahub.filters.virtualimage.VirtualIndexResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the serving of virtual images: components are fetched through the manifest fetcher with the
 * upstream auth filter's credentials, and the built index is selected as any list.
 */
@Configuration(proxyBeanMethods = false)
class VirtualImageServingConfiguration {

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
