-- Schema version 3: one index fewer to maintain for every execution stored.
-- dropcopy_execution_trade_idx (order_id, security_id, trade_date) serves every look-up by order_id, so the index on
-- order_id alone only cost each inserted execution one more index entry.
DROP INDEX IF EXISTS dropcopy_execution_order_idx;
