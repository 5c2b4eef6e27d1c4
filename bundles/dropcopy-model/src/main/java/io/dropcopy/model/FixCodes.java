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
            case "G": return "TRADE_CORRECT";
            case "H": return "TRADE_CANCEL";
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
}
