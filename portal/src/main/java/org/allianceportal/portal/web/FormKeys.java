package org.allianceportal.portal.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.allianceportal.core.shared.KeyRing;

/** The key ring of the forms' tokens (alliance.keys.form: ALLIANCE_FORM_KEY, _KEY_ID, _EARLIER_KEYS). */
@ApplicationScoped
public class FormKeys {

    private KeyRing ring;

    @PostConstruct
    void init() {
        ring = KeyRing.configured("alliance.keys.form");
    }

    public KeyRing ring() {
        return ring;
    }
}
