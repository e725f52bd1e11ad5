package org.allianceportal.notifications.delivery;

/** The HTML part of a notice: the plain text, escaped, with the link made clickable. */
final class MailHtml {

    private MailHtml() {
    }

    static String render(Delivery d) {
        String text = escape(d.body);
        if (d.link != null) {
            String link = escape(d.link);
            text = text.replace(link, "<a href=\"" + link + "\">" + link + "</a>");
        }
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><h1 style=\"font-size:18px\">"
                + escape(d.subject) + "</h1><pre style=\"font-family:inherit;white-space:pre-wrap\">" + text
                + "</pre></body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
