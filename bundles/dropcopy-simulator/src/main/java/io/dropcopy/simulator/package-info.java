/**
 * A CME Globex Drop Copy 4.0 target session, CME side, for development and tests. {@link io.dropcopy.simulator.CmeSimulator}
 * is the entry point and holds the parts:
 * <ul>
 *   <li>what is sent: a {@code MessageSource} (the synthetic stream {@code SyntheticOrders}, the realistic scenario
 *       {@code RealisticOrders}, or a recording); a new kind of payload is a new source, chosen in
 *       {@code CmeSimulator.openSource} from the configuration;</li>
 *   <li>how it is sent: {@code Traffic} (the generator thread, its pacing, bursts, PossResend copies, runtime replay,
 *       the 35=n envelope);</li>
 *   <li>the session, CME's way: {@code CmeSessionApplication} (QuickFIX/J callbacks: secure logon, sub ids, 789 on
 *       every Logout), {@code Resends} (CME's answer to Resend Requests), {@code Gateways} (the acceptor, primary
 *       and backup, down and up, the gate that refuses Logons on the standby);</li>
 *   <li>faults: the table {@code Faults} (one {@code add} per fault, run by {@link io.dropcopy.simulator.SimulatorControl#fault}
 *       and the {@code dropcopy-sim:fault} command), acting on {@code SessionFaults} (sequence numbers and logons)
 *       and {@code WireFilter} (losses, throttle, back-pressure, the recorder);</li>
 *   <li>configuration: {@link io.dropcopy.simulator.SimulatorConfig} (keys and values),
 *       {@link io.dropcopy.simulator.SimulatorConfigBuilder}, {@code SimulatorConfigParser} (from key/value pairs),
 *       {@code SimulatorConfigCheck} (validation); a new key is a constant, a builder method, a line in each.</li>
 * </ul>
 * Plain Java, no OSGi types, except {@code SimulatorComponent} (one simulator per factory configuration) and the
 * shell commands.
 */
package io.dropcopy.simulator;
