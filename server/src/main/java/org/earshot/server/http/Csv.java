package org.earshot.server.http;

/**
 * The one CSV cell writer of the exports (KPIs, calls): RFC 4180 quoting, and text that a spreadsheet would
 * run as a formula made inert. Rows end with CRLF, as RFC 4180 says.
 */
final class Csv {

    static final String ROW_END = "\r\n";

    private Csv() {
    }

    /**
     * A text cell, always quoted (RFC 4180: quotes doubled). A leading = + - @ is prefixed with ' so a
     * spreadsheet shows the text instead of running it as a formula (OWASP, "CSV injection"); null is empty.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
