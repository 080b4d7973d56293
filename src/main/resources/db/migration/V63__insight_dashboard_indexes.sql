-- Covering partial indexes for the dashboard's live reads of deals, invoices and accounts: each figure
-- reads one of these indexes (a team's rows of it) instead of the rows of every deal or account. The
-- column of the partial condition is repeated at the end: SQLite counts an index as covering only when
-- it holds every column the query names.

-- Retention and repeat purchases (SalesFigures.customers): the won deals of the owners shown, by
-- closing time, with their account.
CREATE INDEX deals_won_by_owner ON deals (workspace_id, owner_id, closed_at, account_id, status) WHERE status = 'WON';

-- The weighted pipeline of the owners shown (SalesFigures.pipelineByMonth): open deals by owner with
-- what the chart sums.
CREATE INDEX deals_open_forecast_by_owner ON deals (workspace_id, owner_id, expected_close_on, currency, amount_minor,
    probability, status) WHERE status = 'OPEN';

-- The cash-flow forecast (SalesFigures.expectedCloses): open deals by expected close, terms and currency.
CREATE INDEX deals_open_forecast ON deals (workspace_id, expected_close_on, payment_terms_days, currency, amount_minor,
    probability, status) WHERE status = 'OPEN';

-- Open invoices by due month (SalesFigures.openInvoicesByMonth).
CREATE INDEX payments_open_amounts ON payments (workspace_id, due_on, currency, amount_minor, paid_on) WHERE paid_on IS NULL;

-- The relationship-stage mix of the owners shown (PartyFigures.stageMix).
CREATE INDEX accounts_stage_by_owner ON accounts (workspace_id, owner_id, stage, deleted_at) WHERE deleted_at IS NULL;
