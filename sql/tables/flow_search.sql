-- flow_search: each flow's weighted full-text search document, next to the flow rather than in it.
-- Why not a column of public.flows: `select=*` (how docs/api.md and most frontends read a flow) returned the
-- vector, 1.6 kB of a 5.8 kB flow, typed `unknown` for TypeScript; and a stored generated column is recomputed
-- (and re-TOASTed, which rewrote every index of the flow) on every update, a status change too. Here it is written
-- by private.tg_flow_search_* only when the searched text changes, and read only by the search definers.

create table private.flow_search (
  -- Deferrable: a copied flow's document is written before the flow (private.copy_flows).
  flow_id uuid primary key references public.flows (id) on delete cascade deferrable,
  search tsvector not null
);

create index flow_search_search_idx on private.flow_search using gin (search);

-- lz4, like the flow's own columns: rewritten whenever a flow's searched text changes.
alter table private.flow_search alter column search set compression lz4;

comment on table private.flow_search is
'The weighted full-text search document of each flow (private.flow_search_vector), kept by triggers on '
'public.flows; read by the search functions. Not exposed.';
comment on column private.flow_search.flow_id is 'The flow (one row per flow, deleted flows included).';
comment on column private.flow_search.search is 'Weighted search document: name A; tags, description, trigger '
'event, entry point B; steps C; rules, error scenarios, notes D.';

-- Nobody reads it through the API: no grants and no policies; the definers that read it run as its owner.
alter table private.flow_search enable row level security;
