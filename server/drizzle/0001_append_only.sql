-- The audit log and published versions are append-only: UPDATE, DELETE and
-- TRUNCATE are refused by the database itself, whatever the application does.
CREATE OR REPLACE FUNCTION ledgerflow_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledgerflow: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER run_events_append_only BEFORE UPDATE OR DELETE ON run_events
  FOR EACH ROW EXECUTE FUNCTION ledgerflow_refuse_change();
--> statement-breakpoint
CREATE TRIGGER run_events_no_truncate BEFORE TRUNCATE ON run_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledgerflow_refuse_change();
--> statement-breakpoint
CREATE TRIGGER flow_versions_append_only BEFORE UPDATE OR DELETE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION ledgerflow_refuse_change();
