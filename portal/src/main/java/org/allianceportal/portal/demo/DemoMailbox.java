package org.allianceportal.portal.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo's mailbox: a real SMTP server (GreenMail) inside the portal, started only when
 * {@code alliance.demo.mailbox-port} is set (the demo launcher sets it when no SMTP server is
 * configured). Keycloak's invitations and the portal's notifications land here, readable at
 * /demo/mailbox, so the whole onboarding of a partner company works on a laptop.
 */
@ApplicationScoped
public class DemoMailbox {

    private static final Logger LOG = Logger.getLogger(DemoMailbox.class);

    @ConfigProperty(name = "alliance.demo.mailbox-port")
    Optional<Integer> port;

    private GreenMail server;

    void start(@Observes StartupEvent event) {
        port.ifPresent(p -> {
            server = new GreenMail(new ServerSetup(p, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            LOG.infof("Demo mailbox: SMTP on 127.0.0.1:%d, read at /demo/mailbox", p);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }

    public boolean enabled() {
        return server != null;
    }

    /** Everything received, newest first. */
    public List<MimeMessage> messages() {
        if (server == null) {
            return List.of();
        }
        List<MimeMessage> all = new ArrayList<>(List.of(server.getReceivedMessages()));
        Collections.reverse(all);
        return all;
    }
}
