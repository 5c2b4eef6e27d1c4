package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import java.math.BigDecimal;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "dropcopy", name = "positions", description = "Shows positions per account and instrument.",
        detailedDescription = "One row per group, account, instrument and trade date: net, bought, sold, fills, average"
                + " buy and sell price, last fill time. Busted fills do not count, corrected fills count as corrected,"
                + " spread summary fills never (their legs do). Rows with trade date * are the running positions over"
                + " every trade date held. Sorted by group, account, instrument, newest trade date first.")
@Service
public class PositionsCommand implements Action {

    @Reference
    PositionService positions;

    @Argument(index = 0, name = "group", description = "Only this drop copy group (options may also follow it)",
            multiValued = true)
    @Completion(GroupCompleter.class)
    List<String> args;

    String group;

    @Option(name = "--account", aliases = "-a", description = "Only this account")
    @Completion(AccountCompleter.class)
    String account;

    @Option(name = "--symbol", aliases = "-s", description = "Only this instrument: security id, or description prefix (ESZ6, ES)")
    @Completion(SymbolCompleter.class)
    String symbol;

    @Option(name = "--date", aliases = "-d", description = "Only this trade date (yyyy-MM-dd), or * for the running positions")
    String tradeDate;

    @Override
    public Object execute() {
        // Karaf's parser takes options only before the arguments: "dropcopy:positions DEMO --account A" works too
        if (args != null) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                boolean hasValue = i + 1 < args.size();
                if ((a.equals("--account") || a.equals("-a")) && hasValue) {
                    account = args.get(++i);
                } else if ((a.equals("--symbol") || a.equals("-s")) && hasValue) {
                    symbol = args.get(++i);
                } else if ((a.equals("--date") || a.equals("-d")) && hasValue) {
                    tradeDate = args.get(++i);
                } else if (a.startsWith("-") || group != null) {
                    throw new IllegalArgumentException("unexpected '" + a + "': dropcopy:positions [GROUP] [--account A]"
                            + " [--symbol S] [--date D]");
                } else {
                    group = a;
                }
            }
        }
        List<Position> rows = positions.positions(group, account, symbol, tradeDate);
        if (rows.isEmpty()) {
            System.out.println("No position" + (group != null || account != null || symbol != null ? " matches." : " yet."));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Group");
        table.column("Account");
        table.column("Instrument");
        table.column("SecurityID");
        table.column("TradeDate");
        table.column("Net").alignRight();
        table.column("Bought").alignRight();
        table.column("Sold").alignRight();
        table.column("Fills").alignRight();
        table.column("AvgBuy").alignRight();
        table.column("AvgSell").alignRight();
        table.column("LastFill");
        for (Position p : rows) {
            table.addRow().addContent(p.group(), p.account(), p.description() == null ? "-" : p.description(),
                    p.securityId(), p.tradeDate(), signed(p.net()), p.boughtQty(), p.soldQty(), p.fills(),
                    px(p.avgBuyPx()), px(p.avgSellPx()), p.lastFillTime() == null ? "-" : p.lastFillTime());
        }
        table.print(System.out);
        return null;
    }

    private static String signed(long v) {
        return v > 0 ? "+" + v : String.valueOf(v);
    }

    private static String px(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }
}
