-- The change log is append-only like run_events: UPDATE, DELETE and TRUNCATE
-- are refused by the database itself (ledgerflow_refuse_change from 0001).
CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
  FOR EACH ROW EXECUTE FUNCTION ledgerflow_refuse_change();
--> statement-breakpoint
CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledgerflow_refuse_change();
