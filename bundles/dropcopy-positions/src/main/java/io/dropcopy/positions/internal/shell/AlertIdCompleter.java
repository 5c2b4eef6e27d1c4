package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.PositionService;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the id of an active alert. */
@Service
public class AlertIdCompleter extends RiskViewCompleter {
    @Override
    List<String> values(PositionService positions) {
        List<String> out = new ArrayList<>();
        positions.alerts(true).forEach(a -> out.add(a.id()));
        return out;
    }
}
