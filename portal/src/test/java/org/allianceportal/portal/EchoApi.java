package org.allianceportal.portal;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** An API route that changes something (as far as the form token check knows): it echoes what it gets. */
@Path("/api/v1/test-only/echo")
public class EchoApi {

    @POST
    public String echo(String body) {
        return body;
    }
}
