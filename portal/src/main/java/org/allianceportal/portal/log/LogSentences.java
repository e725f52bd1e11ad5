package org.allianceportal.portal.log;

import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.log.CanonicalJson;
import org.allianceportal.core.log.LogEntry;

/**
 * Who can see an alliance, as the history tells it: "Globex Inc removed Bella Brown (member) from Globex
 * Inc". Entries without a sentence here show their action's words ({@code {e.sentence}} is null).
 */
@TemplateExtension
public class LogSentences {

    static String sentence(LogEntry e) {
        if (!e.action.startsWith("person.") && !e.action.startsWith("alliance.party_")
                && !e.action.equals("alliance.archived")) {
            return null;
        }
        Map<String, Object> p = CanonicalJson.read(e.payload);
        String who = e.actorOrganisation != null ? e.actorOrganisation : e.actorName;
        String person = p.get("person") + " (" + p.get("role") + ")";
        Object organisation = p.get("organisation");
        return switch (e.action) {
            case "person.invited" -> who + " invited " + person + " of " + organisation;
            case "person.removed" -> who + " removed " + person + " from " + organisation;
            case "person.disabled" -> who + " disabled " + person + " of " + organisation;
            case "person.enabled" -> who + " enabled " + person + " of " + organisation + " again";
            case "person.role_changed" -> who + " made " + p.get("person") + " of " + organisation + " a " + p.get("role");
            case "alliance.party_added" -> who + " added " + organisation + " as a party";
            case "alliance.party_removed" -> who + " removed " + organisation + " from the alliance";
            case "alliance.party_people" -> p.get("people") instanceof List<?> people && !people.isEmpty()
                    ? "From " + organisation + " these people see the alliance: " + String.join(", ",
                            people.stream().map(String::valueOf).toList())
                    : "Nobody of " + organisation + " has access yet";
            case "alliance.archived" -> who + " archived the alliance";
            default -> null;
        };
    }
}
