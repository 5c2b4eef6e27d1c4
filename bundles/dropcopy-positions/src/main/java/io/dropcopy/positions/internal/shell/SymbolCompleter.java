package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes an instrument of the risk view: its description (e.g. ESZ6), else its security id. */
@Service
public class SymbolCompleter extends RiskViewCompleter {
    @Override
    List<String> values(PositionService positions) {
        Set<String> out = new TreeSet<>();
        for (Position p : positions.positions(null, null, null, Position.ALL_DATES)) {
            out.add(p.description() != null ? p.description() : p.securityId());
        }
        return new ArrayList<>(out);
    }
}
