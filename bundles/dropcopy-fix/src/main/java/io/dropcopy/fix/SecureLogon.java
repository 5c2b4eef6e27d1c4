package io.dropcopy.fix;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CME secure logon (iLink 2 / Drop Copy 4.0): HMAC-SHA256 over the values of tags 34, 49, 50, 52, 57,
 * 108, 142, 369, 1603, 1604, 1605 joined by '\n', keyed with the base64url-decoded secret key, encoded
 * base64url without padding (43 characters). Pure Java; the secret never leaves this class in any form.
 */
public final class SecureLogon {
    public static final String METHOD = "CME-1-SHA-256";
    public static final int[] CANONICAL_TAGS = {34, 49, 50, 52, 57, 108, 142, 369, 1603, 1604, 1605};
    public static final int TAG_ENCODED_TEXT_LEN = 354;
    public static final int TAG_ACCESS_KEY_ID = 355;
    public static final int TAG_METHOD = 1400;
    public static final int TAG_SIGNATURE_LEN = 1401;
    public static final int TAG_SIGNATURE = 1402;
    public static final int TAG_APPLICATION_SYSTEM_NAME = 1603;
    public static final int TAG_TRADING_SYSTEM_VERSION = 1604;
    public static final int TAG_APPLICATION_SYSTEM_VENDOR = 1605;

    private SecureLogon() {
    }

    /** The canonical request: each tag's value (empty when absent), in CME's order, '\n' between, none after. */
    public static String canonical(IntFunction<String> valueOfTag) {
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < CANONICAL_TAGS.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            String value = valueOfTag.apply(CANONICAL_TAGS[i]);
            if (value != null) {
                sb.append(value);
            }
        }
        return sb.toString();
    }

    /**
     * @param secretKey the secret key as CME issues it (base64url)
     * @throws IllegalArgumentException when the secret key is not base64url; the message never includes it
     */
    public static String sign(String secretKey, String canonical) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(secretKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key is not base64url-encoded");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the secret key is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a received signature with the expected one. */
    public static boolean matches(String expected, String received) {
        if (expected == null || received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII));
    }
}
