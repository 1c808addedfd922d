package org.metahub.filters.upstream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.metahub.config.UpstreamProperties;
import org.metahub.filters.oci.OciError;
import org.metahub.filters.oci.OciException;

/** An upstream answered 401 to the gateway: the upstream's credentials in the gateway's configuration are at fault. */
public final class UpstreamRefusal {

	private UpstreamRefusal() {
	}

	public static OciException of(UpstreamProperties upstream) {
		String cause = upstream.hasCredentials()
				? "answered 401 Unauthorized to the gateway's credentials for it: check its username and "
						+ "password (metahub.upstreams[].username and password, or their -file forms)"
				: "answered 401 Unauthorized and the gateway has no credentials for it: set its username and "
						+ "password (metahub.upstreams[].username and password, or their -file forms)";
		Map<String, String> detail = new LinkedHashMap<>();
		detail.put("upstream", upstream.name());
		detail.put("url", upstream.url().toString());
		detail.put("cause", cause);
		return OciError.UPSTREAM_UNAUTHORIZED.exception("upstream " + upstream.name() + " (" + upstream.url() + ") "
				+ cause, detail);
	}

	/** Whether a failure is this refusal, after which the credentials sent are forgotten. */
	public static boolean isRefusal(Throwable failure) {
		return failure instanceof OciException oci && oci.error() == OciError.UPSTREAM_UNAUTHORIZED;
	}

}
