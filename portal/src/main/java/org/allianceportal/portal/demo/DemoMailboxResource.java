package org.allianceportal.portal.demo;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo mailbox's pages: what was sent to whom, and each message's text with its links, so an
 * invited person can follow Keycloak's link. Answers 404 unless the demo mailbox runs.
 */
@Path("/demo/mailbox")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class DemoMailboxResource {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

    public record Message(int number, String to, String subject, String received) {
    }

    public record Opened(Message message, String text, List<String> links) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailbox(List<Message> messages);

        static native TemplateInstance message(Opened opened);
    }

    @Inject
    DemoMailbox mailbox;

    @GET
    public TemplateInstance list() throws MessagingException {
        List<MimeMessage> all = messages();
        List<Message> listed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            listed.add(summary(i, all.get(i)));
        }
        return Templates.mailbox(listed);
    }

    @GET
    @Path("{number}")
    public TemplateInstance open(@PathParam("number") int number) throws MessagingException {
        List<MimeMessage> all = messages();
        if (number < 0 || number >= all.size()) {
            throw new NotFoundException();
        }
        MimeMessage mail = all.get(number);
        String text = GreenMailUtil.getBody(mail);
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(text.replace("=\r\n", "").replace("=3D", "="));
        while (m.find()) {
            if (!links.contains(m.group())) {
                links.add(m.group());
            }
        }
        return Templates.message(new Opened(summary(number, mail), text, links));
    }

    private List<MimeMessage> messages() {
        if (!mailbox.enabled()) {
            throw new NotFoundException();
        }
        return mailbox.messages();
    }

    private static Message summary(int number, MimeMessage mail) throws MessagingException {
        return new Message(number, String.join(", ", List.of(mail.getAllRecipients()).stream().map(Object::toString)
                .toList()), mail.getSubject(), String.valueOf(mail.getReceivedDate() == null ? mail.getSentDate()
                : mail.getReceivedDate()));
    }
}
