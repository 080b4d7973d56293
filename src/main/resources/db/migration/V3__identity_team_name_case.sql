-- Team names are unique within a workspace whatever their case, as TeamManagement already checks:
-- the index makes two admins creating "North" and "NORTH" at the same moment fail too.
-- An expression index on lower(name) works on SQLite and PostgreSQL alike.
DROP INDEX teams_name;
CREATE UNIQUE INDEX teams_name_lower ON teams (workspace_id, lower(name));
