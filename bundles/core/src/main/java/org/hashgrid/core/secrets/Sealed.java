package org.hashgrid.core.secrets;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sealed secret as stored: the id of the key it was sealed with and the bytes (nonce,
 * ciphertext and authentication tag). Neither reveals the secret; {@link #toString()} still shows
 * only the key id and the length.
 */
public record Sealed(String keyId, byte[] bytes) {

    public Sealed {
        Objects.requireNonNull(keyId, "keyId");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sealed that && keyId.equals(that.keyId) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + bytes.length + " bytes]";
    }
}
