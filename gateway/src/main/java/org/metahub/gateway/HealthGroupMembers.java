package org.metahub.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds contributors to a health group in code, for members that exist only in some configurations
 * (a name in {@code ...group.<name>.include} must exist, or start-up fails).
 */
class HealthGroupMembers implements HealthEndpointGroupsPostProcessor {

	private final String group;

	private final Set<String> members;

	HealthGroupMembers(String group, Set<String> members) {
		this.group = group;
		this.members = Set.copyOf(members);
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup original = groups.get(group);
		if (original == null) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		groups.getNames().forEach(name -> all.put(name, groups.get(name)));
		all.put(group, new WithMembers(original, members));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private record WithMembers(HealthEndpointGroup delegate, Set<String> members) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return members.contains(name) || delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return delegate.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return delegate.getAdditionalPath();
		}

	}

}
