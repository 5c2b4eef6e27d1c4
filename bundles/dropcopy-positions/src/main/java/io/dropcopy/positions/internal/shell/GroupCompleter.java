package io.dropcopy.positions.internal.shell;

import io.dropcopy.positions.PositionService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes a group of the risk view. */
@Service
public class GroupCompleter extends RiskViewCompleter {
    @Override
    List<String> values(PositionService positions) {
        return positions.groups();
    }
}
