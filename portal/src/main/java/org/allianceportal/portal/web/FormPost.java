package org.allianceportal.portal.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allianceportal.core.admin.Directory.DirectoryFailure;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * The one way a page form is handled: run the command, then redirect (POST -> redirect -> GET); if
 * the domain refuses the input, or it did not arrive as text, show the page again with the user's
 * input and a message per field; if the form's token is missing or no longer valid, show it again
 * with the input and ask to send it again, without running the command.
 */
public final class FormPost {

    static final String RESEND = "Nothing was saved: this form was opened before you last logged in, or came "
            + "without its security code. Check what you typed below, then send it again.";

    /** What the form decoder puts where the bytes sent were not UTF-8. */
    private static final char UNDECODABLE = '\uFFFD';

    private FormPost() {
    }

    /**
     * @param formName which form of the page was sent, so only its fields show the messages
     * @param typed    what the user typed, to show it again
     * @param command  the domain call; returns where to go on success
     * @param page     renders the page with the refused form
     */
    public static Response handle(String formName, Map<String, String> typed, Supplier<String> command,
            Function<Form, TemplateInstance> page) {
        Optional<Form> resend = resend(formName, typed);
        if (resend.isPresent()) {
            return Response.status(400).entity(page.apply(resend.get())).build();
        }
        Map<String, String> unreadable = unreadableFields();
        if (!unreadable.isEmpty()) {
            return Response.status(400).entity(page.apply(new Form(formName, typed, unreadable))).build();
        }
        try {
            return Response.seeOther(URI.create(command.get())).build();
        } catch (InvalidInput e) {
            return Response.status(400).entity(page.apply(new Form(formName, typed, e.fieldErrors))).build();
        } catch (DirectoryFailure e) {
            return Response.status(503).entity(page.apply(new Form(formName, typed, Map.of(),
                    DomainErrors.directoryMessage(e)))).build();
        }
    }

    /**
     * The form back with what was typed and a request to send it again, if it came without a valid form
     * token (FormTokenCheck): opened before the current login, or not sent from the portal's own page.
     * For handlers that answer with a page rather than a redirect; {@link #handle} checks it itself.
     */
    public static Optional<Form> resend(String formName, Map<String, String> typed) {
        return Arc.container().instance(FormToken.class).get().refused()
                ? Optional.of(new Form(formName, typed, Map.of(), RESEND)) : Optional.empty();
    }

    /**
     * Fields whose bytes were not UTF-8 (a transport problem, not a domain one): the decoder has put
     * replacement characters where they were, so what the person meant is lost and must be typed again.
     */
    private static Map<String, String> unreadableFields() {
        Map<String, String> unreadable = new LinkedHashMap<>();
        FormData form = CurrentRequestManager.get().getFormData();
        for (String field : form == null ? List.<String>of() : form) {
            for (FormValue value : form.get(field)) {
                if (!value.isFileItem() && value.getValue() != null && value.getValue().indexOf(UNDECODABLE) >= 0) {
                    unreadable.put(field, "Part of this did not arrive as readable text (it is shown as \uFFFD). "
                            + "Please type it again.");
                }
            }
        }
        return unreadable;
    }
}
