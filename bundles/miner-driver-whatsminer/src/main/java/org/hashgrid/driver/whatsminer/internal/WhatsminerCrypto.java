package org.hashgrid.driver.whatsminer.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.digest.Md5Crypt;

/**
 * The crypto of both API generations: md5-crypt ($1$, Apache Commons Codec) for API v2's key and
 * sign, and the JCE's SHA-256 and AES-256-ECB. Nothing here logs or keeps what it is given.
 */
public final class WhatsminerCrypto {

    private static final int BLOCK = 16;

    private WhatsminerCrypto() {
    }

    /**
     * API v2's key and sign for one token.
     *
     * @param aesKey SHA-256 of the md5-crypt key: the AES-256 key of the encrypted messages
     * @param sign   the token sent inside each encrypted command
     */
    public record V2Token(byte[] aesKey, String sign) {
    }

    /**
     * Derives API v2's token from what {@code get_token} returned: key = md5-crypt(password, salt),
     * sign = md5-crypt(key + time, newsalt), each the part after the third {@code $}.
     *
     * @throws IllegalArgumentException if a salt is not md5-crypt's ({@code [./a-zA-Z0-9]{1,8}})
     */
    public static V2Token v2Token(String password, String time, String salt, String newSalt) {
        String key = md5CryptHash(password, salt);
        return new V2Token(sha256(key), md5CryptHash(key + time, newSalt));
    }

    /** @return the hash part of {@code $1$salt$hash}, the md5-crypt of the text */
    public static String md5CryptHash(String text, String salt) {
        if (!salt.matches("[./a-zA-Z0-9]{1,8}")) {
            throw new IllegalArgumentException("not an md5-crypt salt: " + salt.length() + " characters");
        }
        String crypt = Md5Crypt.md5Crypt(text.getBytes(StandardCharsets.UTF_8), "$1$" + salt);
        return crypt.substring(crypt.lastIndexOf('$') + 1);
    }

    /** @return the first 8 characters of Base64(SHA-256(cmd + password + salt + ts)): an API v3 token */
    public static String v3Token(String cmd, String password, String salt, long ts) {
        return Base64.getEncoder().encodeToString(sha256(cmd + password + salt + ts)).substring(0, 8);
    }

    /**
     * AES-256-ECB with PKCS#7 padding, as MicroBT's own client pads (other clients pad with NULs;
     * firmware takes both), then standard Base64.
     */
    public static String encrypt(byte[] aesKey, String plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding"); // PKCS#7 on 16-byte blocks
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB unavailable in this JVM", e);
        }
    }

    /**
     * Decrypts a reply: Base64, AES-256-ECB, then PKCS#7 or NUL padding removed.
     *
     * @return the plaintext, or empty when the text is not Base64 of whole AES blocks
     */
    public static Optional<String> decrypt(byte[] aesKey, String base64) {
        byte[] cipherText;
        try {
            cipherText = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            plain = cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB unavailable in this JVM", e);
        }
        int length = plain.length;
        int pad = plain[length - 1];
        if (pad >= 1 && pad <= BLOCK && endsWith(plain, pad)) {
            length -= pad;
        }
        while (length > 0 && plain[length - 1] == 0) {
            length--;
        }
        return Optional.of(new String(plain, 0, length, StandardCharsets.UTF_8));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }

    private static boolean endsWith(byte[] bytes, int pad) {
        for (int i = bytes.length - pad; i < bytes.length; i++) {
            if (bytes[i] != pad) {
                return false;
            }
        }
        return true;
    }
}
