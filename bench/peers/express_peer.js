// The hand-written Express peer of the benchmark: what the old plan proposed instead of PostgREST.
// Express + pg + jsonwebtoken: verifies the HS256 token (a key object, made once), runs one prepared statement per
// request that enforces the access rule (bench/peers/access.sql), pool of 10. Serves two routes:
//   GET /flows?project_id=ID  the project's first 50 live flows by name (id, name, status, priority, updated_at)
//   GET /flows/ID             one flow, the columns PostgREST returns for select=* (PEER_COLUMNS)
// Env: PEER_PORT, PEER_DATABASE_URL, PEER_JWT_SECRET, PEER_COLUMNS (comma-separated). Listens on 127.0.0.1 only.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');
const jwt = require('jsonwebtoken');
const pg = require('pg');

// uuid[] as arrays (pg parses text[] already; its uuid[] would stay a Postgres array literal), and timestamps as
// Postgres writes them: a JavaScript Date would drop the microseconds.
pg.types.setTypeParser(2951, pg.types.getTypeParser(1009));
pg.types.setTypeParser(1184, (text) => text.replace(' ', 'T'));

function statements(columns) {
  const text = fs.readFileSync(path.join(__dirname, 'access.sql'), 'utf8');
  const found = {};
  for (const part of text.split(/^-- name: /m).slice(1)) {
    const [name, ...body] = part.split('\n');
    found[name.trim()] = body.join('\n').replace('{columns}', columns).trim().replace(/;$/, '');
  }
  return found;
}

const columns = process.env.PEER_COLUMNS.split(',').map((c) => `f.${c.trim()}`).join(', ');
const sql = statements(columns);
const key = crypto.createSecretKey(Buffer.from(process.env.PEER_JWT_SECRET, 'utf8'));
const pool = new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: 10 });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function userId(req) {
  const header = req.get('authorization') || '';
  if (!header.startsWith('Bearer ')) return null;
  try {
    const claims = jwt.verify(header.slice(7), key, { algorithms: ['HS256'], audience: 'authenticated' });
    return claims.role === 'authenticated' && UUID.test(claims.sub) ? claims.sub : null;
  } catch {
    return null;
  }
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.get('/flows', async (req, res) => {
  const user = userId(req);
  if (!user) return res.status(401).json({ message: 'a valid access token is needed' });
  const project = req.query.project_id;
  if (typeof project !== 'string' || !UUID.test(project)) {
    return res.status(400).json({ message: 'project_id must be a uuid' });
  }
  const result = await pool.query({ name: 'page', text: sql.page, values: [user, project] });
  res.json(result.rows);
});

app.get('/flows/:id', async (req, res) => {
  const user = userId(req);
  if (!user) return res.status(401).json({ message: 'a valid access token is needed' });
  if (!UUID.test(req.params.id)) return res.status(400).json({ message: 'id must be a uuid' });
  const result = await pool.query({ name: 'one', text: sql.one, values: [user, req.params.id] });
  res.json(result.rows);
});

app.listen(Number(process.env.PEER_PORT), '127.0.0.1');
