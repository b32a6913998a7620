package org.hashgrid.core.secrets;

/**
 * A module that stores values sealed by the {@link SecretBox} registers one of these as a DS
 * service. A key rotation ({@code hashgrid:secrets-rotate}) first makes a new key current, then
 * calls every holder inside one transaction of the persistence unit (a holder's own
 * {@code Transactions} calls join it): all values are re-sealed, or none.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface SecretHolder {

    /** What the holder stores, for the rotation's report, e.g. {@code miner credentials}. */
    String name();

    /**
     * Re-seals every value the holder stores with {@code box}'s current key.
     *
     * @return how many values were re-sealed
     * @throws SecretException when a value cannot be opened; the rotation then changes nothing
     */
    int reseal(SecretBox box);
}
