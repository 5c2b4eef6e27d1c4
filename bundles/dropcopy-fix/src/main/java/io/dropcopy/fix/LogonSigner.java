package io.dropcopy.fix;

import java.util.function.Function;
import quickfix.FieldMap;
import quickfix.Message;

/** Puts CME's secure logon fields on a QuickFIX/J Logon, and checks them (simulator side). */
public final class LogonSigner {
    private static final int ENCRYPT_METHOD = 98;
    private static final int ORIG_SENDING_TIME = 122;

    private LogonSigner() {
    }

    /**
     * Completes an outgoing Logon in {@code toAdmin} (after QuickFIX/J has set 34, 52 and 369): adds the
     * access key, application identity and signature, removes 98 and 122 which CME refuses on a logon.
     */
    public static void sign(Message logon, String accessKeyId, String secretKey,
                            String applicationSystemName, String tradingSystemVersion, String applicationSystemVendor) {
        logon.removeField(ENCRYPT_METHOD);
        logon.getHeader().removeField(ORIG_SENDING_TIME);
        logon.setInt(SecureLogon.TAG_ENCODED_TEXT_LEN, accessKeyId.length());
        logon.setString(SecureLogon.TAG_ACCESS_KEY_ID, accessKeyId);
        logon.setString(SecureLogon.TAG_METHOD, SecureLogon.METHOD);
        logon.setString(SecureLogon.TAG_APPLICATION_SYSTEM_NAME, applicationSystemName);
        logon.setString(SecureLogon.TAG_TRADING_SYSTEM_VERSION, tradingSystemVersion);
        logon.setString(SecureLogon.TAG_APPLICATION_SYSTEM_VENDOR, applicationSystemVendor);
        String signature = SecureLogon.sign(secretKey, SecureLogon.canonical(tag -> valueOf(logon, tag)));
        logon.setInt(SecureLogon.TAG_SIGNATURE_LEN, signature.length());
        logon.setString(SecureLogon.TAG_SIGNATURE, signature);
    }

    /**
     * Checks a received Logon as CME does.
     *
     * @param secretForAccessKey the secret key for an access key id, or null when the key is unknown
     * @return null when the logon is acceptable, else the reason CME would give in its Logout
     */
    public static String verify(Message logon, Function<String, String> secretForAccessKey) {
        if (logon.getHeader().isSetField(ORIG_SENDING_TIME)) {
            return "OrigSendingTime(122) not allowed on Logon";
        }
        String method = valueOf(logon, SecureLogon.TAG_METHOD);
        if (!SecureLogon.METHOD.equals(method)) {
            return "EncryptedPasswordMethod(1400) must be " + SecureLogon.METHOD;
        }
        String accessKey = valueOf(logon, SecureLogon.TAG_ACCESS_KEY_ID);
        String secret = accessKey == null ? null : secretForAccessKey.apply(accessKey);
        if (secret == null) {
            return "Unknown access key id";
        }
        String received = valueOf(logon, SecureLogon.TAG_SIGNATURE);
        String expected = SecureLogon.sign(secret, SecureLogon.canonical(tag -> valueOf(logon, tag)));
        if (!SecureLogon.matches(expected, received)) {
            return "Invalid signature";
        }
        return null;
    }

    /** A field's value from the header, else the body, else null. */
    public static String valueOf(Message message, int tag) {
        String value = stringOrNull(message.getHeader(), tag);
        return value != null ? value : stringOrNull(message, tag);
    }

    private static String stringOrNull(FieldMap map, int tag) {
        if (!map.isSetField(tag)) {
            return null;
        }
        try {
            return map.getString(tag);
        } catch (quickfix.FieldNotFound e) {
            return null;
        }
    }
}
