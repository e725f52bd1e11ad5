package org.allianceportal.portal.web;

import java.util.Map;

/**
 * What a page needs to re-show one of its forms after a refused submit: which form it was, what the
 * user typed, a message per field, and what to say about the form as a whole.
 */
public record Form(String name, Map<String, String> values, Map<String, String> errors, String notice) {

    public static final Form NONE = new Form("", Map.of(), Map.of());

    /** Said above a form whose fields are marked. */
    static final String CORRECT = "Nothing was saved: please correct what is marked below.";

    /** A form refused for its fields: the notice asks to correct them. */
    public Form(String name, Map<String, String> values, Map<String, String> errors) {
        this(name, values, errors, null);
    }

    /** What to say about the refused form as a whole. */
    @Override
    public String notice() {
        return notice != null ? notice : CORRECT;
    }

    public boolean is(String formName) {
        return name.equals(formName);
    }

    /** The value the user typed into this field of this form, or "". */
    public String value(String formName, String field) {
        return is(formName) ? values.getOrDefault(field, "") : "";
    }

    /** The value typed into row {@code row} of a repeated field (kept as field + row, e.g. "itemTitle0"), or "". */
    public String value(String formName, String field, int row) {
        return value(formName, field + row);
    }

    /** The message for this field of this form, or null. */
    public String error(String formName, String field) {
        return is(formName) ? errors.get(field) : null;
    }

    public boolean failed(String formName) {
        return is(formName) && (!errors.isEmpty() || notice != null);
    }
}
