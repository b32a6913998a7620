package org.hashgrid.hosting;

/**
 * The platform's own service ports (HTTP, SSH console, JMX, database, anything this process
 * listens on): no address a user gives — a miner, discovery, a webhook — may point at them, so
 * that traffic the platform sends on a user's word cannot be aimed at the platform itself.
 */
public interface PlatformPorts {

    /** Why {@code port} may not be called, or {@code null} when it may. */
    String portRefusal(int port);
}
