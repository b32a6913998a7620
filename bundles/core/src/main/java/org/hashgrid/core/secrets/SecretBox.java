package org.hashgrid.core.secrets;

/**
 * Seals secrets for storage and opens them again (authenticated encryption under a key the
 * platform keeps outside the database). A sealed value names the key it was sealed with, so keys
 * can be rotated while older values stay readable.
 *
 * <p>{@code context} is authenticated with the value but not stored in it: give where the value is
 * stored (its table and row, e.g. {@code miner_credentials:miner:42}), so that a sealed value
 * copied to another row fails to open there.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SecretBox {

    /** Seals {@code secret} with the current key, bound to {@code context}. */
    Sealed seal(String secret, String context);

    /**
     * The secret of {@code sealed}.
     *
     * @throws SecretException when the value's key is not held, or the value or its context is not
     *                         what was sealed (tampered, truncated, copied to another row)
     */
    String open(Sealed sealed, String context);

    /** The id of the key new values are sealed with. */
    String currentKeyId();
}
