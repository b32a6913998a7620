package org.hashgrid.tools.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.digest.Md5Crypt;

/** The firmware side of Whatsminer's API crypto: md5-crypt, SHA-256 and AES-256-ECB. */
final class WhatsminerCrypto {

    private static final int BLOCK = 16;

    private WhatsminerCrypto() {
    }

    /** @return the hash part (after the third {@code $}) of the md5-crypt of the text with the salt */
    static String md5CryptHash(String text, String salt) {
        String crypt = Md5Crypt.md5Crypt(text.getBytes(StandardCharsets.UTF_8), "$1$" + salt);
        return crypt.substring(crypt.lastIndexOf('$') + 1);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** @return the first 8 characters of Base64(SHA-256(cmd + password + salt + ts)): an API v3 token */
    static String v3Token(String cmd, String password, String salt, long ts) {
        return Base64.getEncoder().encodeToString(sha256(cmd + password + salt + ts)).substring(0, 8);
    }

    /** Encrypts the way btminer's replies are: NUL padding, AES-256-ECB, Base64. */
    static String encrypt(byte[] key, String plaintext) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + BLOCK - 1) / BLOCK * BLOCK);
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, key, padded));
    }

    /**
     * Decrypts a request, accepting both paddings clients use: PKCS#7 (MicroBT's own client) and
     * NULs (most others).
     *
     * @return the plaintext, or {@code null} if the bytes are no whole number of blocks
     */
    static String decrypt(byte[] key, byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            return null;
        }
        byte[] plain = aes(Cipher.DECRYPT_MODE, key, ciphertext);
        int length = plain.length;
        int pad = plain[length - 1];
        if (pad >= 1 && pad <= BLOCK && allEqual(plain, length - pad, length, (byte) pad)) {
            length -= pad;
        }
        while (length > 0 && plain[length - 1] == 0) {
            length--;
        }
        return new String(plain, 0, length, StandardCharsets.UTF_8);
    }

    private static boolean allEqual(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != value) {
                return false;
            }
        }
        return true;
    }

    private static byte[] aes(int mode, byte[] key, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB unavailable", e);
        }
    }
}
