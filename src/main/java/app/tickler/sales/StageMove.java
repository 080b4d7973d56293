package app.tickler.sales;

import java.time.Instant;

import app.tickler.identity.UserId;

/**
 * One move of a deal's stage history as other modules see it: from ({@code null} for the stage it
 * entered first) and to, what the move meant, when and by whom ({@code null}: by the system).
 */
public record StageMove(StageId from, StageId to, StageMovement movement, Instant at, UserId movedBy) {
}
