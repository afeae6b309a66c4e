-- A flow's columns and its search document are compressed with lz4, as audit_log.changes and
-- flow_revisions.content already are: every edit of a flow's text compresses its steps and its search vector
-- anew, and pglz spends about four times lz4's CPU on it. A one-step edit, backend CPU per pgbench transaction
-- as an editor (4 alternated rounds of 600): 6.87 -> 6.61 ms (medians). Reads of whole flows and exports
-- decompress faster too. Only new values are compressed with lz4; existing ones stay readable as they are.
-- By hand: `db diff` does not see column compression (sql/tables/flows.sql, flow_search.sql); pgTAP 001 checks it.

alter table public.flows
  alter column name set compression lz4,
  alter column description set compression lz4,
  alter column version set compression lz4,
  alter column entry_point set compression lz4,
  alter column trigger_event set compression lz4,
  alter column actor_ids set compression lz4,
  alter column tags set compression lz4,
  alter column steps set compression lz4,
  alter column integrations set compression lz4,
  alter column business_rules set compression lz4,
  alter column error_scenarios set compression lz4,
  alter column performance_requirements set compression lz4,
  alter column notes set compression lz4,
  alter column custom_fields set compression lz4;

alter table private.flow_search alter column search set compression lz4;
