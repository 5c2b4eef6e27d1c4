package io.dropcopy.positions.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = RiskComponent.PID, name = "Drop copy positions, limits and alerts",
        description = "Positions rebuilt from the file sink's journal at start, then kept live; limits that raise "
                + "alerts (etc/io.dropcopy.positions.cfg). 0 means no limit. Saved changes apply at once.")
public @interface RiskConfig {
    @AttributeDefinition(name = "Journal directory", description = "The file sink's directory "
            + "(<dir>/<group>/<tradeDate>.jsonl), read back at start")
    String journalDirectory() default "${karaf.data}/dropcopy";

    @AttributeDefinition(name = "Trade dates read back", description = "Today (UTC) and the days before it "
            + "(1 = today only), plus any later trade date", min = "1")
    int replayDays() default 2;

    @AttributeDefinition(name = "Max long", description = "Max net long per account and instrument; 0 = none", min = "0")
    long maxLong() default 0;

    @AttributeDefinition(name = "Max short", description = "Max net short per account and instrument; 0 = none", min = "0")
    long maxShort() default 0;

    @AttributeDefinition(name = "Per account and instrument", required = false, description = "Comma-separated "
            + "ACCOUNT/INSTRUMENT=MAXLONG/MAXSHORT (INSTRUMENT: security id or description, * for any), first match wins")
    String positionLimits() default "";

    @AttributeDefinition(name = "Max fill quantity", description = "Max quantity of one fill; 0 = none", min = "0")
    long maxFillQty() default 0;

    @AttributeDefinition(name = "Max fills per minute", description = "Per account, as they arrive; 0 = none", min = "0")
    int maxFillsPerMinute() default 0;

    @AttributeDefinition(name = "Expected accounts", required = false, description = "Comma-separated GROUP=ACC1|ACC2: "
            + "any other account on that group alerts; a group not listed accepts any account")
    String expectedAccounts() default "";

    @AttributeDefinition(name = "Session DOWN after (s)", description = "A session must stay DOWN this long before "
            + "its alert is raised (a logon takes a moment at start)", min = "0")
    int sessionDownAfterSeconds() default 10;
}
