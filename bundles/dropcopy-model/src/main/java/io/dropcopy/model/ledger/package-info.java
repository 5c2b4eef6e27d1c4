/**
 * The fill ledger rules, plain Java, shared by every consumer that keeps fills (the JDBC sink, positions,
 * reconciliation): which stored fill a trade bust or correction changes ({@link io.dropcopy.model.ledger.TradeLinker}),
 * and when two fills are the same fill ({@link io.dropcopy.model.ledger.FillIdentity}).
 *
 * <p>The rules read references exactly as CME defines them and refuse rather than guess: a bust or correction is
 * matched only inside its own order (37), instrument (48) and trade date (75); zero or several candidates is a
 * refusal naming them, which the caller dead-letters. See docs/cme-payloads.md for the CME pages behind each rule.
 */
package io.dropcopy.model.ledger;
