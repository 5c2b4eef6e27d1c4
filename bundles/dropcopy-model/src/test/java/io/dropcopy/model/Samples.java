package io.dropcopy.model;

/** Real-shaped CME drop copy messages built field by field, as CME documents them. */
final class Samples {
    private Samples() {
    }

    static String innerFill(char sep) {
        return new FixMessageBuilder("FIX.4.2", "8", sep)
                .add(34, 1207).add(49, "CME").add(50, "G").add(52, "20240315-14:30:00.123")
                .add(56, "M2L000N").add(57, "TRADER1").add(143, "US,IL").add(369, 1190)
                .add(1, "ACCT-7").add(6, "0").add(11, "CL-42").add(14, "3").add(17, "62123:M:48812TN0001234")
                .add(20, "0").add(31, "4512.25").add(32, "2").add(37, "7154321098").add(38, "5").add(39, "1")
                .add(40, "2").add(44, "4512.25").add(48, "118").add(54, "1").add(55, "ES").add(59, "0")
                .add(60, "20240315-14:30:00.123456").add(75, "20240315").add(107, "ESM4").add(150, "1")
                .add(151, "3").add(1028, "Y").add(1057, "Y").add(9717, "CL-42")
                .build();
    }

    static String wrap(String inner, long seq) {
        return wrap(inner, seq, FixMessage.SOH);
    }

    static String wrap(String inner, long seq, char outerSep) {
        return new FixMessageBuilder("FIX.4.2", "n", outerSep)
                .add(34, seq).add(49, "CME").add(50, "G").add(52, "20240315-14:30:00.125")
                .add(56, "ABCDEFN").add(57, "DC").add(143, "US,IL").add(369, 1)
                .addData(212, 213, DropCopyUnwrapper.envelope(inner))
                .build();
    }
}
