-- Drop copy JDBC sink, schema version 2, for PostgreSQL and H2.
-- 1. Identity: an ExecID is unique within its trade date and market segment, not forever. exec_key is
--    "<trade date yyyy-MM-dd or ->/<market segment or ->/<ExecID>" (io.dropcopy.model.ledger.FillIdentity), written
--    by the sink; a market segment or trade date that is absent (CGW payloads name no segment) is '-', so the key
--    works with nulls on both databases. Rows written before this version get '-' as their segment.
-- 2. The fields risk and operations need (event schema version 2) and the spread link (442, 527) as columns.
-- 3. dropcopy_skipped: every message skipped as a duplicate, with the reason.
-- 4. dropcopy_position_fill: the fills that make positions (outright and leg fills, never a spread summary).

ALTER TABLE dropcopy_message ADD COLUMN IF NOT EXISTS exec_key VARCHAR(300);
UPDATE dropcopy_message SET exec_key = COALESCE(CAST(trade_date AS VARCHAR(10)), '-') || '/-/' || exec_id
    WHERE exec_id IS NOT NULL AND exec_key IS NULL;
-- each ADD CONSTRAINT follows a DROP of the same name: H2 commits DDL statement by statement, so a run cut short is
-- run again from the start
ALTER TABLE dropcopy_message DROP CONSTRAINT IF EXISTS dropcopy_message_exec_id_uq;
ALTER TABLE dropcopy_message DROP CONSTRAINT IF EXISTS dropcopy_message_exec_key_uq;
ALTER TABLE dropcopy_message ADD CONSTRAINT dropcopy_message_exec_key_uq UNIQUE (exec_key);
CREATE INDEX IF NOT EXISTS dropcopy_message_exec_id_idx ON dropcopy_message (exec_id);

ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS exec_key VARCHAR(300);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS market_segment VARCHAR(32);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS multi_leg_reporting_type VARCHAR(8);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS secondary_exec_id VARCHAR(128);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS md_trade_entry_id VARCHAR(32);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS exec_ref_id VARCHAR(128);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS exec_restatement_reason VARCHAR(16);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS alloc_account VARCHAR(64);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS cmta_give_up_cd VARCHAR(16);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS cust_order_capacity VARCHAR(16);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS cust_order_handling_inst VARCHAR(16);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS cross_id VARCHAR(64);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS cross_type VARCHAR(16);
ALTER TABLE dropcopy_execution ADD COLUMN IF NOT EXISTS memo VARCHAR(128);
UPDATE dropcopy_execution SET exec_key = COALESCE(CAST(trade_date AS VARCHAR(10)), '-') || '/-/' || exec_id
    WHERE exec_key IS NULL;
ALTER TABLE dropcopy_execution ALTER COLUMN exec_key SET NOT NULL;

-- the history names the fill and the change by their keys
ALTER TABLE dropcopy_execution_history ADD COLUMN IF NOT EXISTS fill_key VARCHAR(300);
ALTER TABLE dropcopy_execution_history ADD COLUMN IF NOT EXISTS event_key VARCHAR(300);
UPDATE dropcopy_execution_history SET fill_key = (SELECT e.exec_key FROM dropcopy_execution e
    WHERE e.exec_id = dropcopy_execution_history.exec_id) WHERE fill_key IS NULL;
UPDATE dropcopy_execution_history SET event_key = COALESCE(CAST(trade_date AS VARCHAR(10)), '-') || '/-/' || event_exec_id
    WHERE event_key IS NULL;
ALTER TABLE dropcopy_execution_history ALTER COLUMN fill_key SET NOT NULL;
ALTER TABLE dropcopy_execution_history ALTER COLUMN event_key SET NOT NULL;
ALTER TABLE dropcopy_execution_history DROP CONSTRAINT IF EXISTS dropcopy_execution_history_exec_fk;
ALTER TABLE dropcopy_execution_history DROP CONSTRAINT IF EXISTS dropcopy_execution_history_fill_fk;
ALTER TABLE dropcopy_execution_history DROP CONSTRAINT IF EXISTS dropcopy_execution_history_event_uq;
ALTER TABLE dropcopy_execution DROP CONSTRAINT IF EXISTS dropcopy_execution_pk;
ALTER TABLE dropcopy_execution ADD CONSTRAINT dropcopy_execution_pk PRIMARY KEY (exec_key);
ALTER TABLE dropcopy_execution_history ADD CONSTRAINT dropcopy_execution_history_event_uq UNIQUE (event_key);
ALTER TABLE dropcopy_execution_history ADD CONSTRAINT dropcopy_execution_history_fill_fk
    FOREIGN KEY (fill_key) REFERENCES dropcopy_execution (exec_key);
CREATE INDEX IF NOT EXISTS dropcopy_execution_history_fill_idx ON dropcopy_execution_history (fill_key);
CREATE INDEX IF NOT EXISTS dropcopy_execution_exec_id_idx ON dropcopy_execution (exec_id);
-- where a bust or correction looks for its fill: its order, instrument and trade date
CREATE INDEX IF NOT EXISTS dropcopy_execution_trade_idx ON dropcopy_execution (order_id, security_id, trade_date);

ALTER TABLE dropcopy_dead_letter ADD COLUMN IF NOT EXISTS exec_key VARCHAR(300);
ALTER TABLE dropcopy_dead_letter ADD COLUMN IF NOT EXISTS trade_date DATE;
UPDATE dropcopy_dead_letter SET exec_key = '-/-/' || exec_id WHERE exec_id IS NOT NULL AND exec_key IS NULL;
ALTER TABLE dropcopy_dead_letter DROP CONSTRAINT IF EXISTS dropcopy_dead_letter_exec_id_uq;
ALTER TABLE dropcopy_dead_letter DROP CONSTRAINT IF EXISTS dropcopy_dead_letter_exec_key_uq;
ALTER TABLE dropcopy_dead_letter ADD CONSTRAINT dropcopy_dead_letter_exec_key_uq UNIQUE (exec_key);

-- Every message received again and skipped (a resend, a 97=Y copy, a replay after a restart), with the reason:
-- nothing is dropped without a row here.
CREATE TABLE IF NOT EXISTS dropcopy_skipped (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY,
    target_session      VARCHAR(128) NOT NULL,
    outer_sender_sub_id VARCHAR(64)  NOT NULL,
    outer_target_sub_id VARCHAR(64)  NOT NULL,
    seq_num             BIGINT       NOT NULL,
    exec_id             VARCHAR(128),
    exec_key            VARCHAR(300),
    kind                VARCHAR(32)  NOT NULL,
    group_name          VARCHAR(128) NOT NULL,
    poss_dup            BOOLEAN      NOT NULL,
    poss_resend         BOOLEAN      NOT NULL,
    reason              VARCHAR(1000) NOT NULL,
    skipped_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dropcopy_skipped_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS dropcopy_skipped_at_idx ON dropcopy_skipped (skipped_at);

-- The fills that make positions: outright fills (442 absent or 1) and leg fills (442=2) once each, a spread
-- summary fill (442=3) never (its legs carry the quantities), busted fills never, corrected fills with their
-- corrected price and quantity. signed_qty: + buy, - sell.
CREATE OR REPLACE VIEW dropcopy_position_fill AS
SELECT exec_key, exec_id, order_id, account, symbol, security_id, security_desc, side, last_qty, last_px,
       CASE WHEN side = 'BUY' THEN last_qty WHEN side = 'SELL' THEN -last_qty END AS signed_qty,
       trade_date, market_segment, multi_leg_reporting_type, secondary_exec_id, status, transact_time, group_name
FROM dropcopy_execution
WHERE kind IN ('partial_fill', 'fill') AND status <> 'BUSTED'
  AND (multi_leg_reporting_type IS NULL OR multi_leg_reporting_type <> '3');
