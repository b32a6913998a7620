package org.hashgrid.core.secrets;

/**
 * A sealed value that cannot be opened: its key is not held (a key file from another
 * installation, a key removed too early), or the value or its context changed since it was
 * sealed. The message names the key id, never the value.
 */
public class SecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
