package io.dropcopy.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;

class SecureLogonTest {
    // CME's public test vector (see shared/cme-dropcopy.md)
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final Map<Integer, String> VALUES = Map.ofEntries(
            Map.entry(34, "1"), Map.entry(49, "B08004N"), Map.entry(50, "MSG"), Map.entry(52, "20170623-14:48:42.855"),
            Map.entry(57, "92"), Map.entry(108, "60"), Map.entry(142, "US,NY"), Map.entry(369, "0"),
            Map.entry(1603, "BRIO"), Map.entry(1604, "8.0"), Map.entry(1605, "ABC"));

    @Test
    void cmeTestVector() {
        String canonical = SecureLogon.canonical(VALUES::get);
        assertEquals("1\nB08004N\nMSG\n20170623-14:48:42.855\n92\n60\nUS,NY\n0\nBRIO\n8.0\nABC", canonical);
        String signature = SecureLogon.sign(SECRET, canonical);
        assertEquals("oHZ2Dx1ihFAp7kHOFcJPkijm27xfApJFp-ZhsSCxr3s", signature);
        assertEquals(43, signature.length());
    }

    @Test
    void badSecretIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecureLogon.sign("not*base64", "x"));
        assertFalse(e.getMessage().contains("not*base64"));
    }

    @Test
    void signedQuickFixLogonVerifiesAndTamperingIsDetected() {
        Message logon = new Message();
        logon.getHeader().setString(35, "A");
        logon.getHeader().setString(34, "1");
        logon.getHeader().setString(49, "B08004N");
        logon.getHeader().setString(50, "MSG");
        logon.getHeader().setString(52, "20170623-14:48:42.855");
        logon.getHeader().setString(57, "92");
        logon.getHeader().setString(142, "US,NY");
        logon.getHeader().setString(369, "0");
        logon.setString(108, "60");
        logon.setString(98, "0");
        LogonSigner.sign(logon, "KEYID-00000000000001", SECRET, "BRIO", "8.0", "ABC");

        assertEquals("oHZ2Dx1ihFAp7kHOFcJPkijm27xfApJFp-ZhsSCxr3s", LogonSigner.valueOf(logon, 1402));
        assertFalse(logon.isSetField(98), "EncryptMethod(98) must be stripped");
        assertEquals("20", LogonSigner.valueOf(logon, 354));
        assertNull(LogonSigner.verify(logon, key -> key.equals("KEYID-00000000000001") ? SECRET : null));
        assertEquals("Unknown access key id", LogonSigner.verify(logon, key -> null));

        logon.setString(108, "30");
        assertEquals("Invalid signature", LogonSigner.verify(logon, key -> SECRET));
        logon.getHeader().setString(122, "20170623-14:48:42.855");
        assertTrue(LogonSigner.verify(logon, key -> SECRET).contains("122"));
    }

    @Test
    void signatureIsMaskedInLogs() {
        String line = "8=FIX.4.2\u00019=10\u000135=A\u00011401=43\u00011402=oHZ2Dx1ihFAp7kHOFcJPkijm27xfApJFp-ZhsSCxr3s\u000110=000\u0001";
        String masked = MaskingLogFactory.mask(line);
        assertFalse(masked.contains("oHZ2Dx1"));
        assertTrue(masked.contains("\u00011402=***\u0001"));
    }

    @Test
    void dictionaryKnowsXmlNonFix() throws Exception {
        DataDictionary dd = CmeDictionary.load();
        assertTrue(dd.isMsgType("n"));
        assertTrue(dd.isDataField(213));
        assertFalse(dd.isRequiredField("A", 98), "a signed logon carries no EncryptMethod(98)");
        String inner = "8=FIX.4.2\u00019=5\u000135=8\u000110=000\u0001";
        String data = "<RTRF>" + inner + "</RTRF>";
        String raw = new io.dropcopy.fix.test.Raw().n(data);
        Message m = new Message(raw, dd, true);
        assertEquals(data, m.getHeader().getString(213));
    }
}
