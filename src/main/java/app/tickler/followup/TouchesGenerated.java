package app.tickler.followup;

/**
 * The benchmark generator finished a workspace: parties, deals, touches and follow-ups are written
 * (straight to the tables, without the events of everyday work), so modules that keep figures derived
 * from those events rebuild them for the workspace when they receive this.
 */
public record TouchesGenerated(long workspaceId, long touches, long followUps) {
}
