package org.hashgrid.api.internal;

import javax.ws.rs.core.Application;

import org.hashgrid.api.RestApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application of Hashgrid at {@value RestApi#BASE_PATH}. Module bundles add
 * resources to it through the whiteboard with {@code @JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)}.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(RestApi.BASE_PATH)
@JaxrsName(RestApi.APPLICATION_NAME)
public class HashgridApplication extends Application {
}
