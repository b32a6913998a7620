package org.hashgrid.driver;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the platform knows about reaching one miner: the API endpoint it polls, the port of
 * the firmware's control API when that is not the firmware's standard one, and the credentials
 * stored for it. Drivers ignore what their firmware does not use.
 *
 * @param endpoint    where the miner's read API listens (the cgminer-compatible port, 4028 by default)
 * @param controlPort the control API's port when it differs from the firmware's default (e.g. a
 *                    web API moved off port 80, or a simulator); empty means the default
 * @param credentials the control API's credentials; empty means none are stored, and a driver
 *                    whose firmware needs them fails with {@link FailureKind#ACCESS_DENIED}
 */
public record MinerAccess(MinerEndpoint endpoint, OptionalInt controlPort, Optional<MinerCredentials> credentials) {

    public MinerAccess {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(controlPort, "controlPort");
        Objects.requireNonNull(credentials, "credentials");
        if (controlPort.isPresent() && (controlPort.getAsInt() < 1 || controlPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("control port out of range 1-65535: " + controlPort.getAsInt());
        }
    }

    /** @return access to an endpoint with default ports and no credentials */
    public static MinerAccess of(MinerEndpoint endpoint) {
        return new MinerAccess(endpoint, OptionalInt.empty(), Optional.empty());
    }

    /** @return this access with the control API on {@code port} */
    public MinerAccess withControlPort(int port) {
        return new MinerAccess(endpoint, OptionalInt.of(port), credentials);
    }

    /** @return this access with {@code credentials} */
    public MinerAccess withCredentials(MinerCredentials credentials) {
        return new MinerAccess(endpoint, controlPort, Optional.of(credentials));
    }

    /** @return the control API's port: the one given, or {@code defaultPort} */
    public int controlPortOr(int defaultPort) {
        return controlPort.orElse(defaultPort);
    }

    /** @return the miner's host and the control port (given or {@code defaultPort}) */
    public MinerEndpoint controlEndpoint(int defaultPort) {
        return new MinerEndpoint(endpoint.host(), controlPortOr(defaultPort));
    }
}
