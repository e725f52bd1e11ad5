package org.allianceportal.portal.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 rows for spreadsheets. A cell that a spreadsheet would run as a formula (beginning with
 * {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so a person named
 * {@code =HYPERLINK(...)} stays text (OWASP "CSV injection").
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    public static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
