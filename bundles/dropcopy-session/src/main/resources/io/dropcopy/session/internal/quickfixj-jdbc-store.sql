-- QuickFIX/J's JDBC message store, as the drop copy sessions use it (store = jdbc).
-- Plain SQL that runs on PostgreSQL and H2; statements are separated by ';'.
CREATE TABLE IF NOT EXISTS dropcopy_qfj_sessions (
  beginstring        VARCHAR(8)   NOT NULL,
  sendercompid       VARCHAR(64)  NOT NULL,
  sendersubid        VARCHAR(64)  NOT NULL,
  senderlocid        VARCHAR(64)  NOT NULL,
  targetcompid       VARCHAR(64)  NOT NULL,
  targetsubid        VARCHAR(64)  NOT NULL,
  targetlocid        VARCHAR(64)  NOT NULL,
  session_qualifier  VARCHAR(64)  NOT NULL,
  creation_time      TIMESTAMP    NOT NULL,
  incoming_seqnum    INTEGER      NOT NULL,
  outgoing_seqnum    INTEGER      NOT NULL,
  PRIMARY KEY (beginstring, sendercompid, sendersubid, senderlocid, targetcompid, targetsubid, targetlocid, session_qualifier)
);
CREATE TABLE IF NOT EXISTS dropcopy_qfj_messages (
  beginstring        VARCHAR(8)   NOT NULL,
  sendercompid       VARCHAR(64)  NOT NULL,
  sendersubid        VARCHAR(64)  NOT NULL,
  senderlocid        VARCHAR(64)  NOT NULL,
  targetcompid       VARCHAR(64)  NOT NULL,
  targetsubid        VARCHAR(64)  NOT NULL,
  targetlocid        VARCHAR(64)  NOT NULL,
  session_qualifier  VARCHAR(64)  NOT NULL,
  msgseqnum          INTEGER      NOT NULL,
  message            TEXT         NOT NULL,
  PRIMARY KEY (beginstring, sendercompid, sendersubid, senderlocid, targetcompid, targetsubid, targetlocid, session_qualifier, msgseqnum)
);
