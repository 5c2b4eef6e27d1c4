package io.dropcopy.model;

import java.util.Map;

/** Readable names for the FIX 4.2 enumerations a drop copy carries. Unknown codes map to null (the code is kept). */
final class FixCodes {

    private static final Table EXEC_TYPE = table(
            "0", "NEW", "1", "PARTIAL_FILL", "2", "FILL", "3", "DONE_FOR_DAY", "4", "CANCELED", "5", "REPLACED",
            "6", "PENDING_CANCEL", "7", "STOPPED", "8", "REJECTED", "9", "SUSPENDED", "A", "PENDING_NEW",
            "B", "CALCULATED", "C", "EXPIRED", "D", "RESTATED", "E", "PENDING_REPLACE", "F", "TRADE",
            "G", "TRADE_CORRECT", "H", "TRADE_CANCEL", "I", "ORDER_STATUS");

    private static final Table ORD_STATUS = table(
            "0", "NEW", "1", "PARTIALLY_FILLED", "2", "FILLED", "3", "DONE_FOR_DAY", "4", "CANCELED", "5", "REPLACED",
            "6", "PENDING_CANCEL", "7", "STOPPED", "8", "REJECTED", "9", "SUSPENDED", "A", "PENDING_NEW",
            "B", "CALCULATED", "C", "EXPIRED", "E", "PENDING_REPLACE", "G", "TRADE_CORRECT", "H", "TRADE_CANCEL",
            "U", "UNDEFINED");

    private static final Table EXEC_TRANS_TYPE = table(
            "0", "NEW", "1", "CANCEL", "2", "CORRECT", "3", "STATUS");

    private static final Table SIDE = table(
            "1", "BUY", "2", "SELL");

    private static final Table ORD_TYPE = table(
            "1", "MARKET", "2", "LIMIT", "3", "STOP", "4", "STOP_LIMIT", "K", "MARKET_LIMIT");

    private static final Table TIME_IN_FORCE = table(
            "0", "DAY", "1", "GTC", "3", "FAK", "4", "FOK", "6", "GTD");

    /** MultiLegReportingType(442): how a spread trade is reported. */
    private static final Table MULTI_LEG_REPORTING_TYPE = table(
            "1", "SINGLE_SECURITY", "2", "INDIVIDUAL_LEG", "3", "MULTI_LEG_SECURITY");

    /** CxlRejResponseTo(434) on an Order Cancel Reject (35=9). */
    private static final Table CXL_REJ_RESPONSE_TO = table(
            "1", "ORDER_CANCEL_REQUEST", "2", "ORDER_CANCEL_REPLACE_REQUEST");

    /** MassActionType(1373): CME sends 3 (cancel orders). */
    private static final Table MASS_ACTION_TYPE = table(
            "1", "SUSPEND_ORDERS", "2", "RELEASE_ORDERS", "3", "CANCEL_ORDERS");

    /** MassActionScope(1374), with CME iLink's meanings (1 instrument, 9 market segment, 10 group code). */
    private static final Table MASS_ACTION_SCOPE = table(
            "1", "INSTRUMENT", "9", "MARKET_SEGMENT", "10", "GROUP_CODE");

    /** MassActionResponse(1375). */
    private static final Table MASS_ACTION_RESPONSE = table(
            "0", "REJECTED", "1", "ACCEPTED");

    /** MassActionRejectReason(1376), FIX values; other (venue specific) codes keep only their code. */
    private static final Table MASS_ACTION_REJECT_REASON = table(
            "0", "MASS_ACTION_NOT_SUPPORTED", "1", "INVALID_OR_UNKNOWN_SECURITY",
            "2", "INVALID_OR_UNKNOWN_UNDERLYING_SECURITY", "3", "INVALID_OR_UNKNOWN_PRODUCT",
            "4", "INVALID_OR_UNKNOWN_CFI_CODE", "5", "INVALID_OR_UNKNOWN_SECURITY_TYPE",
            "6", "INVALID_OR_UNKNOWN_TRADING_SESSION", "7", "INVALID_OR_UNKNOWN_MARKET",
            "8", "INVALID_OR_UNKNOWN_MARKET_SEGMENT", "9", "INVALID_OR_UNKNOWN_SECURITY_GROUP", "99", "OTHER");

    private FixCodes() {
    }

    static String execType(String code) {
        return name(EXEC_TYPE, code);
    }

    static String ordStatus(String code) {
        return name(ORD_STATUS, code);
    }

    static String execTransType(String code) {
        return name(EXEC_TRANS_TYPE, code);
    }

    static String side(String code) {
        return name(SIDE, code);
    }

    static String ordType(String code) {
        return name(ORD_TYPE, code);
    }

    static String timeInForce(String code) {
        return name(TIME_IN_FORCE, code);
    }

    static String multiLegReportingType(String code) {
        return name(MULTI_LEG_REPORTING_TYPE, code);
    }

    static String cxlRejResponseTo(String code) {
        return name(CXL_REJ_RESPONSE_TO, code);
    }

    static String massActionType(String code) {
        return name(MASS_ACTION_TYPE, code);
    }

    static String massActionScope(String code) {
        return name(MASS_ACTION_SCOPE, code);
    }

    static String massActionResponse(String code) {
        return name(MASS_ACTION_RESPONSE, code);
    }

    static String massActionRejectReason(String code) {
        return name(MASS_ACTION_REJECT_REASON, code);
    }

    private static String name(Table table, String code) {
        return code == null ? null : table.get(code);
    }

    /** Code, name, code, name, ... */
    private static Table table(String... codesAndNames) {
        Map<String, String> table = new java.util.HashMap<>();
        for (int i = 0; i < codesAndNames.length; i += 2) {
            table.put(codesAndNames[i], codesAndNames[i + 1]);
        }
        return new Table(Map.copyOf(table));
    }

    /**
     * Code to name; most codes are one ASCII character, looked up by that character instead of hashing a new
     * string for every field of every message.
     */
    private static final class Table {
        private final Map<String, String> names;
        private final String[] byChar = new String[128];

        Table(Map<String, String> names) {
            this.names = names;
            names.forEach((code, name) -> {
                if (code.length() == 1 && code.charAt(0) < 128) {
                    byChar[code.charAt(0)] = name;
                }
            });
        }

        String get(String code) {
            if (code.length() == 1) {
                char c = code.charAt(0);
                if (c < 128) {
                    return byChar[c];
                }
            }
            return names.get(code);
        }
    }
}
