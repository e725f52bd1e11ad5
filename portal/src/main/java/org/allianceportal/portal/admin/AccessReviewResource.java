package org.allianceportal.portal.admin;

import static org.allianceportal.portal.web.Inputs.choice;
import static org.allianceportal.portal.web.Inputs.id;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.allianceportal.core.admin.AccessReview;
import org.allianceportal.core.admin.AccessReview.Filter;
import org.allianceportal.core.admin.AccessRow;
import org.allianceportal.core.admin.AdminAudit;
import org.allianceportal.core.admin.AuditEntry;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.MembershipStatus;
import org.allianceportal.core.alliance.Organisation;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Csv;

/**
 * Who can see which alliance (administrators: everyone; a lead: their own organisation), as a page with
 * filters and as CSV, and the administration log. The CSV is written row by row as the database
 * reads them, whatever their number.
 */
@Path("/")
public class AccessReviewResource {

    static final List<String> HEADER = List.of("alliance", "alliance_status", "organisation", "name", "email", "role",
            "status", "invited_at", "invited_by", "last_login_at");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accessReview(List<AccessRow> rows, boolean more, int page, String query,
                List<Alliance> alliances, List<Organisation> organisations, Filter filter, boolean admin);

        static native TemplateInstance audit(List<AuditEntry> entries, boolean more, int page);
    }

    @Inject
    CurrentActor current;

    @Inject
    AccessReview review;

    @Inject
    AdminAudit audit;

    @GET
    @Path("admin/access-review")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("alliance") String alliance, @QueryParam("organisation") String organisation,
            @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page) {
        Actor actor = current.get();
        Filter filter = filter(alliance, organisation, status);
        List<AccessRow> rows = review.page(actor, filter, page);
        boolean more = rows.size() > AccessReview.PAGE_SIZE;
        List<Alliance> alliances = actor.isAdmin() ? Alliance.list("order by name")
                : Alliance.list("select a from Alliance a join a.parties p where p.id = ?1 order by a.name",
                        actor.organisationId());
        List<Organisation> organisations = actor.isAdmin() ? Organisation.list("order by name") : List.of();
        String query = "alliance=" + nonNull(alliance) + "&organisation=" + nonNull(organisation) + "&status="
                + nonNull(status);
        return Templates.accessReview(more ? rows.subList(0, AccessReview.PAGE_SIZE) : rows, more, Math.max(page, 0),
                query, alliances, organisations, filter, actor.isAdmin());
    }

    @GET
    @Path("admin/access-review.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("alliance") String alliance, @QueryParam("organisation") String organisation,
            @QueryParam("status") String status) {
        Actor actor = current.get();
        Filter filter = filter(alliance, organisation, status);
        review.page(actor, filter, 0); // refuses a member before anything is written
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(Csv.row(HEADER));
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    try (Stream<AccessRow> rows = review.stream(actor, filter)) {
                        rows.forEach(r -> write(writer, Csv.row(Arrays.asList(r.alliance(),
                                r.archived() ? "archived" : "active", r.organisation(), r.name(), r.email(),
                                r.role().name().toLowerCase(), r.status().name().toLowerCase(), r.invitedAt(),
                                r.invitedBy(), r.lastLoginAt()))));
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"access-review.csv\"").build();
    }

    @GET
    @Path("admin/audit")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(CurrentActor.ADMIN_ROLE)
    public TemplateInstance audit(@QueryParam("page") @DefaultValue("0") int page) {
        List<AuditEntry> entries = audit.page(current.get(), Math.max(page, 0));
        return Templates.audit(entries, entries.size() == AdminAudit.PAGE_SIZE, Math.max(page, 0));
    }

    private static void write(BufferedWriter writer, String line) {
        try {
            writer.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Filter filter(String alliance, String organisation, String status) {
        return new Filter(id(alliance), id(organisation), choice(MembershipStatus.class, status));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
