package io.dropcopy.certify.internal;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "dropcopy", name = "certify", description = "Dry run of CME's AutoCert+ drop copy test cases against a configured session.",
        detailedDescription = "Plays each AutoCert+ drop copy test case (and the other CME session rules) as CME, on a"
                + " loopback simulator, against a copy of the session as configured: its comp ids, location, application"
                + " name/version/vendor and key pairs (accessKeyId/secretKey, and accessKeyId2/secretKey2 for the key"
                + " rotation case). The copy has its own scratch store, reconnects every second and is always in session;"
                + " the configured session and its routes are not touched. Prints a readiness report: each scenario PASS"
                + " or FAIL with the failed step, the message CME sent and the one expected; writes the same report as"
                + " Markdown and JSON under data/dropcopy/certify/. Takes about a minute for all scenarios.")
@Service
public class CertifyCommand implements Action {

    @Reference
    DropCopyHub hub;

    /** Set by unit tests; in the shell, {@code System.out} is the session's own stream. */
    PrintStream out;

    @Argument(index = 0, name = "session", description = "The target session to certify; may be left out when only one is configured")
    @Completion(SessionNameCompleter.class)
    String name;

    @Argument(index = 1, name = "options", description = "The options may also follow the session name, as in"
            + " dropcopy:certify demo --scenario cgw-logon", multiValued = true)
    List<String> trailing;

    @Option(name = "--scenario", aliases = "-s", description = "Run only this scenario (Tab lists them)")
    @Completion(ScenarioNameCompleter.class)
    String scenario;

    @Option(name = "--output", aliases = "-o", description = "Directory of the report files (default: data/dropcopy/certify)")
    String output;

    @Override
    public Object execute() throws Exception {
        List<String> options = new ArrayList<>();
        if (name != null && name.startsWith("-")) {
            // only options were given, after no session name
            options.add(name);
            name = null;
        }
        if (trailing != null) {
            options.addAll(trailing);
        }
        applyTrailingOptions(options);
        String session = name != null ? existing(name) : onlySession();
        Path dir = output != null ? Paths.get(output)
                : Paths.get(System.getProperty("karaf.data", "data")).resolve("dropcopy").resolve("certify");
        return new Certifier(hub, out != null ? out : System.out).run(session, scenario, dir);
    }

    /**
     * Karaf reads options only before the first argument and hands the rest to the trailing argument: the options
     * written after the session name ({@code --scenario x}, {@code -s x}, {@code --output=dir}) are read here.
     */
    private void applyTrailingOptions(List<String> tokens) {
        for (Iterator<String> it = tokens.iterator(); it.hasNext(); ) {
            String token = it.next();
            int eq = token.indexOf('=');
            String option = eq > 0 ? token.substring(0, eq) : token;
            boolean isScenario = option.equals("--scenario") || option.equals("-s");
            if (!isScenario && !option.equals("--output") && !option.equals("-o")) {
                throw new IllegalArgumentException("unexpected '" + token + "' (options: --output, --scenario)");
            }
            String value = eq > 0 ? token.substring(eq + 1) : it.hasNext() ? it.next() : null;
            if (value == null) {
                throw new IllegalArgumentException("missing value for option " + option);
            }
            if (isScenario) {
                scenario = value;
            } else {
                output = value;
            }
        }
    }

    private String existing(String session) {
        if (hub.session(session).isPresent()) {
            return session;
        }
        String configured = hub.sessions().isEmpty() ? ": no session is configured (one file per session:"
                + " etc/io.dropcopy.session-<name>.cfg)" : " (sessions: " + names() + ")";
        throw new IllegalArgumentException("no drop copy session named '" + session + "'" + configured);
    }

    private String onlySession() {
        List<SessionStatus> all = hub.sessions();
        if (all.size() == 1) {
            return all.get(0).name();
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no drop copy session is configured"
                    + " (one file per session: etc/io.dropcopy.session-<name>.cfg)");
        }
        throw new IllegalArgumentException("which session? dropcopy:certify <session> (sessions: " + names() + ")");
    }

    private String names() {
        return hub.sessions().stream().map(SessionStatus::name).collect(Collectors.joining(", "));
    }
}
