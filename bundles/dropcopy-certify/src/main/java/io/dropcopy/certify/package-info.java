/**
 * Certification as CME runs it: {@link io.dropcopy.certify.Scenarios} (the AutoCert+ drop copy test cases and other
 * CME session rules, each a list of {@link io.dropcopy.certify.Step}s), played by {@link io.dropcopy.certify.ScriptedCme}
 * over TCP on loopback against any {@link io.dropcopy.certify.ClientUnderTest}, judged into a
 * {@link io.dropcopy.certify.Report}. Needs no simulator and no OSGi; the {@code dropcopy:certify} command in this
 * bundle runs them against a trial copy of a configured session.
 */
package io.dropcopy.certify;
