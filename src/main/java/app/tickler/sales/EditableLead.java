package app.tickler.sales;

import app.tickler.identity.UserId;

/**
 * A lead as another module changes it: its editable fields (custom values included), its owner, its
 * status, whether it is still open or was converted, and the version an update must name.
 */
public record EditableLead(LeadId id, LeadInput input, UserId ownerId, LeadStatus status, boolean active,
        boolean converted, long version) {

    static EditableLead of(Lead lead) {
        LeadInput input = new LeadInput(lead.firstName(), lead.lastName(), lead.title(), lead.company(), lead.email(),
                lead.phone(), lead.source(), lead.sourceDetail(), lead.referredByUserId(), lead.referredByContactId(),
                lead.notes(), lead.ownerId(), lead.custom());
        return new EditableLead(lead.id(), input, lead.ownerId(), lead.status(), lead.active(), lead.converted(),
                lead.version());
    }

    public Long owner() {
        return ownerId == null ? null : ownerId.value();
    }
}
