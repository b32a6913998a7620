package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;

/** Body of {@code POST /discovery}. */
public record DiscoveryRequest(@Doc("Range to scan, e.g. 10.0.0.0/24") String cidr,
        @Doc("API port, default 4028") Integer port,
        @Doc("Probe with the credentials this site stores for each driver") Long siteId) {
}
