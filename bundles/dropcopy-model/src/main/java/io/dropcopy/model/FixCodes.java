package io.dropcopy.model;

/** Readable names for the FIX 4.2 enumerations a drop copy carries. Unknown codes map to null (the code is kept). */
final class FixCodes {
    private FixCodes() {
    }

    static String execType(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "NEW";
            case "1": return "PARTIAL_FILL";
            case "2": return "FILL";
            case "3": return "DONE_FOR_DAY";
            case "4": return "CANCELED";
            case "5": return "REPLACED";
            case "6": return "PENDING_CANCEL";
            case "7": return "STOPPED";
            case "8": return "REJECTED";
            case "9": return "SUSPENDED";
            case "A": return "PENDING_NEW";
            case "B": return "CALCULATED";
            case "C": return "EXPIRED";
            case "D": return "RESTATED";
            case "E": return "PENDING_REPLACE";
            case "F": return "TRADE";
            case "G": return "TRADE_CORRECT";
            case "H": return "TRADE_CANCEL";
            case "I": return "ORDER_STATUS";
            default: return null;
        }
    }

    static String ordStatus(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "NEW";
            case "1": return "PARTIALLY_FILLED";
            case "2": return "FILLED";
            case "3": return "DONE_FOR_DAY";
            case "4": return "CANCELED";
            case "5": return "REPLACED";
            case "6": return "PENDING_CANCEL";
            case "7": return "STOPPED";
            case "8": return "REJECTED";
            case "9": return "SUSPENDED";
            case "A": return "PENDING_NEW";
            case "B": return "CALCULATED";
            case "C": return "EXPIRED";
            case "E": return "PENDING_REPLACE";
            case "G": return "TRADE_CORRECT";
            case "H": return "TRADE_CANCEL";
            case "U": return "UNDEFINED";
            default: return null;
        }
    }

    static String execTransType(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "NEW";
            case "1": return "CANCEL";
            case "2": return "CORRECT";
            case "3": return "STATUS";
            default: return null;
        }
    }

    static String side(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "BUY";
            case "2": return "SELL";
            default: return null;
        }
    }

    static String ordType(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "MARKET";
            case "2": return "LIMIT";
            case "3": return "STOP";
            case "4": return "STOP_LIMIT";
            case "K": return "MARKET_LIMIT";
            default: return null;
        }
    }

    static String timeInForce(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "DAY";
            case "1": return "GTC";
            case "3": return "FAK";
            case "4": return "FOK";
            case "6": return "GTD";
            default: return null;
        }
    }

    /** MultiLegReportingType(442): how a spread trade is reported. */
    static String multiLegReportingType(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "SINGLE_SECURITY";
            case "2": return "INDIVIDUAL_LEG";
            case "3": return "MULTI_LEG_SECURITY";
            default: return null;
        }
    }

    /** CxlRejResponseTo(434) on an Order Cancel Reject (35=9). */
    static String cxlRejResponseTo(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "ORDER_CANCEL_REQUEST";
            case "2": return "ORDER_CANCEL_REPLACE_REQUEST";
            default: return null;
        }
    }

    /** MassActionType(1373): CME sends 3 (cancel orders). */
    static String massActionType(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "SUSPEND_ORDERS";
            case "2": return "RELEASE_ORDERS";
            case "3": return "CANCEL_ORDERS";
            default: return null;
        }
    }

    /** MassActionScope(1374), with CME iLink's meanings (1 instrument, 9 market segment, 10 group code). */
    static String massActionScope(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "1": return "INSTRUMENT";
            case "9": return "MARKET_SEGMENT";
            case "10": return "GROUP_CODE";
            default: return null;
        }
    }

    /** MassActionResponse(1375). */
    static String massActionResponse(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "REJECTED";
            case "1": return "ACCEPTED";
            default: return null;
        }
    }

    /** MassActionRejectReason(1376), FIX values; other (venue specific) codes keep only their code. */
    static String massActionRejectReason(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "0": return "MASS_ACTION_NOT_SUPPORTED";
            case "1": return "INVALID_OR_UNKNOWN_SECURITY";
            case "2": return "INVALID_OR_UNKNOWN_UNDERLYING_SECURITY";
            case "3": return "INVALID_OR_UNKNOWN_PRODUCT";
            case "4": return "INVALID_OR_UNKNOWN_CFI_CODE";
            case "5": return "INVALID_OR_UNKNOWN_SECURITY_TYPE";
            case "6": return "INVALID_OR_UNKNOWN_TRADING_SESSION";
            case "7": return "INVALID_OR_UNKNOWN_MARKET";
            case "8": return "INVALID_OR_UNKNOWN_MARKET_SEGMENT";
            case "9": return "INVALID_OR_UNKNOWN_SECURITY_GROUP";
            case "99": return "OTHER";
            default: return null;
        }
    }
}
