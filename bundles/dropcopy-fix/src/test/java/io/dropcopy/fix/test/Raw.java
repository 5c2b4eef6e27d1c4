package io.dropcopy.fix.test;

/** Builds a valid outer 35=n message (body length and checksum right) for dictionary tests. */
public final class Raw {
    public String n(String xmlData) {
        String body = "35=n\u000134=2\u000149=CME\u000152=20240315-14:30:00.125\u000156=ABCDEFN\u0001"
                + "212=" + xmlData.length() + "\u0001213=" + xmlData + "\u0001";
        String head = "8=FIX.4.2\u00019=" + body.length() + "\u0001";
        int sum = 0;
        for (char c : (head + body).toCharArray()) {
            sum += c & 0xFF;
        }
        return head + body + String.format("10=%03d\u0001", sum % 256);
    }
}
