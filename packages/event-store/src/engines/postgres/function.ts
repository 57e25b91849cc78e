/**
 * The server side of an append: one plpgsql function per schema, so that a whole group of appends
 * costs one round trip. The name carries a version: a later change adds hub_append_v2 next to it,
 * so processes still running the old code keep calling the body they were written for. Once
 * released, a version's body must not change (processes of two releases would keep replacing it).
 */

/**
 * What the JS side and the function agree on, argument by argument. v2 (issue 15.6) adds p_algs,
 * each event's hash algorithm: 'sha256' (PostgreSQL's own sha256()) or 'sm3' (pgcrypto's
 * digest(…, 'sm3'), from OpenSSL). v1 (sha256 only) stays installed beside it, untouched, for
 * processes of the previous release still running during an upgrade; it is never called by this code.
 */
export const APPEND_FUNCTION = 'hub_append_v2';
export const APPEND_SIGNATURE = `${APPEND_FUNCTION}(text[], text[], smallint[], bigint[], integer[], integer[], uuid[], text[], text[], text[], text[], text[])`;

/**
 * Settings the function runs with. Its statements are fixed, so their plans are made once per
 * session and kept (left to choose, PostgreSQL would plan some afresh on every call, which costs
 * more than running them). A plan is kept while the tables grow from nothing to millions of rows,
 * so it must not depend on their size: every table is read by index, one key at a time.
 */
export const APPEND_FUNCTION_SETTINGS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['plan_cache_mode', 'force_generic_plan'],
  ['enable_seqscan', 'off'],
  ['enable_hashjoin', 'off'],
  ['enable_mergejoin', 'off'],
];

/** p_kinds values. An exact expected revision outside int8 is sent as EXACT with -1, which no stream has. */
export const EXPECT = { any: 0, noStream: 1, streamExists: 2, exact: 3 } as const;

/** Whether append `i` may go ahead, given its stream's head (`found`, `rev`). */
const expectedOk = (found: string, rev: string) => `(p_kinds[i] = ${EXPECT.any}
      OR (p_kinds[i] = ${EXPECT.noStream} AND NOT ${found})
      OR (p_kinds[i] = ${EXPECT.streamExists} AND ${found})
      OR (p_kinds[i] = ${EXPECT.exact} AND ${found} AND ${rev} = p_expected[i]))`;

/**
 * Seals events k = v_off+1 .. v_off+v_count of append i onto v_rev/v_prev (the head's revision, or
 * -1, and its hash as JSON, or null), running `store` after each with v_rev, v_meta and v_hash set.
 */
const sealLoop = (store: string, crypto: string) => `
        FOR k IN v_off + 1 .. v_off + v_count LOOP
          v_rev := v_rev + 1;
          v_meta := p_meta_lo[k] || v_prev || p_meta_hi[k];
          v_content := convert_to(
            '{"data":' || p_data[k] || ',"id":"' || p_ids[k]::text || '","metadata":' || v_meta
            || '},"revision":"' || v_rev::text || '","stream":' || p_stream_jsons[i] || ',"type":"' || p_types[k] || '"}',
            'UTF8');
          IF p_algs[k] = 'sha256' THEN
            v_hash := encode(sha256(v_content), 'hex');
          ELSIF p_algs[k] = 'sm3' THEN
            v_hash := encode(${crypto}.digest(v_content, 'sm3'), 'hex');
          ELSE
            RAISE EXCEPTION 'hub event store: unknown hash algorithm %', p_algs[k];
          END IF;
          ${store}
          v_prev := '"' || v_hash || '"';
        END LOOP;`;

/**
 * The function's body (`prosrc`), so that connect() can tell whether the installed one is current.
 *
 * Arguments, per append: stream, the stream's JSON string (as hashed), expected kind and revision,
 * event count; per event (all appends' events one after the other): the index of its append (from
 * 1), id, type, data text, and the metadata text cut around the prevHash value, `{…"prevHash":`
 * and `,…` short of the closing brace (`hash` goes last, before it). Returns one row per append,
 * in order: r_outcome is 'ok' | 'replayed' | 'wrong_expected_revision' | 'duplicate_event_id',
 * with the next revision and position, the actual revision (null: no stream), or the offending
 * event id.
 *
 * The hashed content is built exactly as hash-chain.ts builds it: id is the lower-case UUID text
 * (uuid::text prints it so), the revision is printed as text, and a type needs no JSON escaping
 * (validate.ts allows only letters, digits and _ . : -), so `"` || type || `"` is its JSON string.
 *
 * The usual group (distinct streams, no id already stored) costs two statements whatever its
 * size: one read, then the seals are computed in memory, then one write. Any other group goes
 * append by append, each reading what the previous ones wrote: a retry, an id clash, two appends
 * to one stream.
 */
export function appendFunctionBody(schema: string, lockKey: bigint, channel: string, cryptoSchema: string): string {
  const s = `"${schema}"`;
  // pgcrypto's schema, quoted: the function does not depend on the caller's search_path.
  const crypto = `"${cryptoSchema.replaceAll('"', '""')}"`;
  return `
DECLARE
  v_n integer := coalesce(array_length(p_streams, 1), 0);
  v_events integer := coalesce(array_length(p_ids, 1), 0);
  v_off integer := 0;
  v_count integer;
  v_fast boolean;
  v_stream text;
  v_found boolean;
  v_first_rev bigint;
  v_head_rev bigint;
  v_head_hash text;
  v_head_revs bigint[];
  v_head_hashes text[];
  v_bad uuid;
  v_rev bigint;
  v_prev text;
  v_meta text;
  v_content bytea;
  v_hash text;
  v_ev_streams text[] := array_fill(NULL::text, ARRAY[v_events]);
  v_ev_revs bigint[] := array_fill(NULL::bigint, ARRAY[v_events]);
  v_ev_metas text[] := array_fill(NULL::text, ARRAY[v_events]);
  v_up_streams text[] := '{}';
  v_up_revs bigint[] := '{}';
  v_up_hashes text[] := '{}';
  v_outcomes text[] := array_fill(NULL::text, ARRAY[v_n]);
  v_revisions bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
  v_actuals bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
  v_positions bigint[];
  v_revs bigint[];
  v_metas text[];
  v_pos bigint;
  v_last_pos bigint;
BEGIN
  -- First, before any nextval: see "the gap problem" in postgres.ts.
  PERFORM pg_advisory_xact_lock(${lockKey});
  -- Each statement below must see what the previous lock holder committed: a fresh snapshot per
  -- statement, which only READ COMMITTED gives.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'hub event store: appends need READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  IF v_n = 0 THEN
    RETURN;
  END IF;

  -- One read for the whole group: every stream's head, and whether the group takes the usual path.
  SELECT array_agg(h.revision ORDER BY a.i), array_agg(h.hash ORDER BY a.i),
         count(DISTINCT a.stream) = count(*) AND NOT EXISTS (
           SELECT 1 FROM unnest(p_ids, p_appends) AS u(id, i) JOIN ${s}.events e ON e.stream = p_streams[u.i] AND e.id = u.id)
  INTO v_head_revs, v_head_hashes, v_fast
  FROM unnest(p_streams) WITH ORDINALITY AS a(stream, i)
  LEFT JOIN ${s}.streams h ON h.stream = a.stream;

  IF v_fast THEN
    FOR i IN 1 .. v_n LOOP
      v_count := p_counts[i];
      v_found := v_head_hashes[i] IS NOT NULL;
      IF ${expectedOk('v_found', 'v_head_revs[i]')} THEN
        v_rev := coalesce(v_head_revs[i], -1);
        v_prev := coalesce('"' || v_head_hashes[i] || '"', 'null');${sealLoop(
          `v_ev_streams[k] := p_streams[i];
          v_ev_revs[k] := v_rev;
          v_ev_metas[k] := v_meta || ',"hash":"' || v_hash || '"}';`,
          crypto,
        )}
        v_up_streams := array_append(v_up_streams, p_streams[i]);
        v_up_revs := array_append(v_up_revs, v_rev);
        v_up_hashes := array_append(v_up_hashes, v_hash);
        v_outcomes[i] := 'ok';
        v_revisions[i] := v_rev;
      ELSE
        v_outcomes[i] := 'wrong_expected_revision';
        v_actuals[i] := v_head_revs[i];
      END IF;
      v_off := v_off + v_count;
    END LOOP;
    IF cardinality(v_up_streams) > 0 THEN
      -- ORDER BY n: positions (drawn per row as it is inserted) follow the group's order.
      WITH ins AS (
        INSERT INTO ${s}.events (stream, revision, id, type, data, metadata)
        SELECT t.stream, t.revision, t.id, t.type, t.data, t.metadata
        FROM unnest(v_ev_streams, v_ev_revs, p_ids, p_types, p_data, v_ev_metas) WITH ORDINALITY AS t(stream, revision, id, type, data, metadata, n)
        WHERE t.revision IS NOT NULL
        ORDER BY t.n
        RETURNING stream, position
      ), heads AS (
        INSERT INTO ${s}.streams (stream, revision, hash)
        SELECT * FROM unnest(v_up_streams, v_up_revs, v_up_hashes)
        ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash
      )
      -- Each written append's last position, in the group's order (one stream each, positions rising).
      SELECT array_agg(m.position ORDER BY m.position) INTO v_positions
      FROM (SELECT max(ins.position) AS position FROM ins GROUP BY ins.stream) AS m;
      v_last_pos := v_positions[cardinality(v_positions)];
    END IF;
    v_count := 0;
    FOR i IN 1 .. v_n LOOP
      r_outcome := v_outcomes[i]; r_revision := v_revisions[i]; r_actual := v_actuals[i]; r_id := NULL; r_position := NULL;
      IF r_outcome = 'ok' THEN
        v_count := v_count + 1;
        r_position := v_positions[v_count];
      END IF;
      RETURN NEXT;
    END LOOP;
  ELSE
    FOR i IN 1 .. v_n LOOP
      v_stream := p_streams[i];
      v_count := p_counts[i];
      r_outcome := NULL; r_revision := NULL; r_position := NULL; r_actual := NULL; r_id := NULL;
      SELECT e.revision INTO v_first_rev FROM ${s}.events e WHERE e.stream = v_stream AND e.id = p_ids[v_off + 1];
      IF FOUND THEN
        -- A retry, if every id sits where the first call put it; otherwise a different append.
        SELECT u.id INTO v_bad
        FROM unnest(p_ids[v_off + 1 : v_off + v_count]) WITH ORDINALITY AS u(id, k)
        LEFT JOIN ${s}.events e ON e.stream = v_stream AND e.id = u.id
        WHERE e.revision IS DISTINCT FROM v_first_rev + u.k - 1
        ORDER BY u.k LIMIT 1;
        IF FOUND THEN
          r_outcome := 'duplicate_event_id'; r_id := v_bad;
        ELSE
          r_outcome := 'replayed'; r_revision := v_first_rev + v_count - 1;
          SELECT e.position INTO r_position FROM ${s}.events e WHERE e.stream = v_stream AND e.revision = r_revision;
        END IF;
      ELSE
        SELECT h.revision, h.hash INTO v_head_rev, v_head_hash FROM ${s}.streams h WHERE h.stream = v_stream;
        v_found := FOUND;
        v_bad := NULL;
        IF NOT ${expectedOk('v_found', 'v_head_rev')} THEN
          r_outcome := 'wrong_expected_revision'; r_actual := v_head_rev;
        ELSIF v_count > 1 THEN
          SELECT u.id INTO v_bad
          FROM unnest(p_ids[v_off + 2 : v_off + v_count]) WITH ORDINALITY AS u(id, k)
          WHERE EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream = v_stream AND e.id = u.id)
          ORDER BY u.k LIMIT 1;
          IF FOUND THEN
            r_outcome := 'duplicate_event_id'; r_id := v_bad;
          END IF;
        END IF;
        IF r_outcome IS NULL THEN
          v_rev := coalesce(v_head_rev, -1);
          v_prev := coalesce('"' || v_head_hash || '"', 'null');
          v_revs := '{}';
          v_metas := '{}';${sealLoop(
            `v_revs := array_append(v_revs, v_rev);
          v_metas := array_append(v_metas, v_meta || ',"hash":"' || v_hash || '"}');`,
            crypto,
          )}
          WITH ins AS (
            INSERT INTO ${s}.events (stream, revision, id, type, data, metadata)
            SELECT v_stream, t.revision, t.id, t.type, t.data, t.metadata
            FROM unnest(v_revs, p_ids[v_off + 1 : v_off + v_count], p_types[v_off + 1 : v_off + v_count],
                        p_data[v_off + 1 : v_off + v_count], v_metas) WITH ORDINALITY AS t(revision, id, type, data, metadata, n)
            ORDER BY t.n
            RETURNING position
          )
          SELECT max(ins.position) INTO v_pos FROM ins;
          INSERT INTO ${s}.streams (stream, revision, hash) VALUES (v_stream, v_rev, v_hash)
          ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash;
          r_outcome := 'ok'; r_revision := v_rev; r_position := v_pos;
          v_last_pos := v_pos;
        END IF;
      END IF;
      RETURN NEXT;
      v_off := v_off + v_count;
    END LOOP;
  END IF;
  -- Delivered at commit, never before.
  IF v_last_pos IS NOT NULL THEN
    PERFORM pg_notify('${channel}', v_last_pos::text);
  END IF;
END
`;
}

export function appendFunctionDdl(schema: string, lockKey: bigint, channel: string, cryptoSchema: string): string {
  return `
CREATE OR REPLACE FUNCTION "${schema}".${APPEND_FUNCTION}(
  p_streams text[], p_stream_jsons text[], p_kinds smallint[], p_expected bigint[], p_counts integer[],
  p_appends integer[], p_ids uuid[], p_types text[], p_data text[], p_meta_lo text[], p_meta_hi text[], p_algs text[])
RETURNS TABLE (r_outcome text, r_revision bigint, r_position bigint, r_actual bigint, r_id uuid)
LANGUAGE plpgsql VOLATILE
${APPEND_FUNCTION_SETTINGS.map(([name, value]) => `SET ${name} = ${value}`).join('\n')}
AS $hub_fn$${appendFunctionBody(schema, lockKey, channel, cryptoSchema)}$hub_fn$;`;
}
