package org.metahub.gateway;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.metahub.config.Upstreams;
import org.metahub.config.VirtualImageProperties;
import org.metahub.filters.virtualimage.VirtualDigestIndex;
import org.metahub.filters.virtualimage.VirtualImageSpecLoader;
import org.metahub.filters.virtualimage.VirtualImages;
import org.metahub.filters.virtualimage.VirtualIndexBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires virtual images: the specs read from {@code metahub.virtual-images.location} at start-up, each served
 * under the upstream its {@code image} names (an invalid spec stops start-up, naming the file and the field), the index builder and the digest index.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VirtualImageProperties.class)
class VirtualImageConfiguration {

	private static final Log logger = LogFactory.getLog(VirtualImageConfiguration.class);

	@Bean
	VirtualImages virtualImages(VirtualImageProperties properties, Upstreams upstreams) {
		if (!properties.enabled()) {
			return VirtualImages.none();
		}
		VirtualImages images = new VirtualImages(new VirtualImageSpecLoader().load(properties.location()), upstreams);
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

}
