package org.allianceportal.portal.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/**
 * The one way a page form is handled: run the command, then redirect (POST -> redirect -> GET); if
 * the domain refuses the input, show the page again with the user's input and a message per field.
 */
public final class FormPost {

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
        try {
            return Response.seeOther(URI.create(command.get())).build();
        } catch (InvalidInput e) {
            return Response.status(400).entity(page.apply(new Form(formName, typed, e.fieldErrors))).build();
        }
    }
}
