package org.allianceportal.core.concern;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.allianceportal.core.alliance.Organisation;

/** One message in a concern's thread. Never edited: the thread is part of the record. */
@Entity
@Table(name = "concern_comment")
public class ConcernComment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "concern_id")
    public Concern concern;

    @Column(name = "author_user_id", nullable = false)
    public String authorUserId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_organisation_id")
    public Organisation authorOrganisation;

    /** What the comment accompanies, e.g. "escalated"; null for a plain comment. */
    public String occasion;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
