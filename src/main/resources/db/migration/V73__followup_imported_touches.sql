-- Touches brought in by an import of activity history: kept apart from the touches logged in Tickler so that
-- undoing the import removes only these, and the Touches panel can say where a touch came from.

ALTER TABLE touches ADD COLUMN imported BOOLEAN NOT NULL DEFAULT FALSE;
