package org.allianceportal.portal.pulse;

import static org.allianceportal.portal.web.Inputs.number;
import static org.allianceportal.portal.web.Inputs.typed;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.AllianceService;
import org.allianceportal.core.pulse.Pulse;
import org.allianceportal.core.pulse.PulseResults;
import org.allianceportal.core.pulse.PulseRound;
import org.allianceportal.core.shared.Actor;
import org.allianceportal.portal.web.CurrentActor;
import org.allianceportal.portal.web.Form;
import org.allianceportal.portal.web.FormPost;
import org.jboss.resteasy.reactive.RestForm;

/** The pulse page: this round's statements to answer (once per person), and the anonymous results of the last rounds. */
@Path("/alliances/{allianceId}/pulse")
@Produces(MediaType.TEXT_HTML)
public class PulseResource {

    static final int ROUNDS_SHOWN = 3;

    /** One statement of the form: its field (s1, s2, ...) and its words. */
    public record Question(String field, String text) {
    }

    static final List<String> SCALE = List.of("1", "2", "3", "4", "5");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pulse(Alliance alliance, PulseRound open, boolean answered,
                List<Question> questions, List<String> scale, List<PulseResults> results, int minimum, Form form);
    }

    @Inject
    CurrentActor current;

    @Inject
    AllianceService alliances;

    @Inject
    Pulse pulse;

    @GET
    public TemplateInstance show(@PathParam("allianceId") long allianceId) {
        return page(allianceId, Form.NONE);
    }

    @POST
    @Path("{roundId}")
    public Response answer(@PathParam("allianceId") long allianceId, @PathParam("roundId") long roundId,
            @RestForm String s1, @RestForm String s2, @RestForm String s3, @RestForm String s4) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("s1", typed(s1));
        typed.put("s2", typed(s2));
        typed.put("s3", typed(s3));
        typed.put("s4", typed(s4));
        return FormPost.handle("pulse", typed, () -> {
            Map<Integer, Integer> scores = new HashMap<>();
            List<String> given = List.of(String.valueOf(s1), String.valueOf(s2), String.valueOf(s3), String.valueOf(s4));
            for (int n = 1; n <= given.size(); n++) {
                Integer score = number(given.get(n - 1));
                if (score != null) {
                    scores.put(n, score);
                }
            }
            pulse.answer(current.get(), allianceId, roundId, scores);
            return "/alliances/" + allianceId + "/pulse";
        }, form -> page(allianceId, form));
    }

    private TemplateInstance page(long allianceId, Form form) {
        Actor actor = current.get();
        Alliance alliance = alliances.get(actor, allianceId);
        PulseRound open = pulse.openRound(actor, allianceId).orElse(null);
        List<Question> questions = new java.util.ArrayList<>();
        for (int n = 1; n <= Pulse.STATEMENTS.size(); n++) {
            questions.add(new Question("s" + n, Pulse.STATEMENTS.get(n - 1)));
        }
        return Templates.pulse(alliance, open, open != null && pulse.hasAnswered(actor, open), questions, SCALE,
                pulse.results(alliance, ROUNDS_SHOWN), Pulse.MIN_ANSWERS, form);
    }

    /** Opens each alliance's monthly round when it is due; safe on N instances. */
    @Scheduled(every = "${alliance.pulse.every:1h}", delayed = "${alliance.jobs.first-run-after:3m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void openDueRounds() {
        pulse.openDueRounds();
    }
}
