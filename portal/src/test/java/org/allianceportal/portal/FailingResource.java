package org.allianceportal.portal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A page and an API route that fail the way a bug does, with a message that must not reach anyone. */
public class FailingResource {

    static final String SECRET = "select * from concern where secret = 'do not show'";

    @Path("/test-only")
    public static class Page {
        @GET
        @Path("failure")
        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }

    @Path("/api/v1/test-only")
    public static class Api {
        @GET
        @Path("failure")
        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }
}
