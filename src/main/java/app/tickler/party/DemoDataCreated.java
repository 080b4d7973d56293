package app.tickler.party;

import java.util.List;

import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;

/**
 * A new workspace was filled with demo accounts and their people ({@code tickler.demo=true}); other
 * modules add their demo records (deals, leads, touches, follow-ups) before the workspace's creation
 * commits, acting as its first admin.
 */
public record DemoDataCreated(WorkspaceId workspace, UserId admin, List<DemoAccount> accounts) {

    /** A demo account and its buying centre, the decision maker first. */
    public record DemoAccount(AccountId id, String name, List<ContactId> contacts) {
    }
}
