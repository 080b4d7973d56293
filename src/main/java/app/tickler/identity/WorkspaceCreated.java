package app.tickler.identity;

/**
 * A new workspace exists, with its first admin. Published inside the creating transaction so that
 * other modules can give it their defaults (pipelines, reasons, policies) in the same transaction.
 */
public record WorkspaceCreated(WorkspaceId workspace, UserId admin) {
}
