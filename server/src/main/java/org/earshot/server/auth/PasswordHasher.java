package org.earshot.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: bcrypt for every new hash; PBKDF2-HMAC-SHA256 ({@code pbkdf2-sha256$iterations$salt$hash},
 * written by earlier versions) is still checked, and {@link #needsRehash} tells the caller to replace it at the
 * next successful login.
 */
final class PasswordHasher {

    // Cost 12 takes about a quarter of a second here: slow for a guesser, unnoticed at a login.
    private static final int COST = 12;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    // bcrypt reads only 72 bytes; longer passwords are pre-hashed with SHA-512 instead of being cut short.
    private static final BCrypt.Hasher HASHER = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private static final String PBKDF2 = "pbkdf2-sha256$";

    private PasswordHasher() {
    }

    static String hash(String password) {
        return HASHER.hashToString(COST, password.toCharArray());
    }

    static boolean matches(String password, String stored) {
        if (stored.startsWith(PBKDF2)) {
            return matchesPbkdf2(password, stored);
        }
        return VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8)).verified;
    }

    static boolean needsRehash(String stored) {
        return !stored.startsWith("$2b$" + COST + "$");
    }

    private static boolean matchesPbkdf2(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, Integer.parseInt(parts[1]), 256);
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        }
    }
}
