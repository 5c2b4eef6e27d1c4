package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.model.FixMessage;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticOrdersTest {
    @Test
    void identifiersAreDeterministic() throws Exception {
        assertEquals("SIM00000042-3", SyntheticOrders.execId(42, 3));
        assertEquals("7000000042", SyntheticOrders.orderId(42));
        FixMessage m = FixMessage.parse(SyntheticOrders.executionReport(6, 2, Instant.parse("2026-11-25T14:30:00.123Z")));
        assertEquals("SIM00000006-2", m.get(17));
        assertEquals("M2L001N", m.get(56));
        assertEquals("8", m.get(34), "second order of M2L001N, step 2");
        assertEquals("3", m.get(369));
        assertEquals("ZN", m.get(55));
        assertEquals("110.093750", m.get(44));
        assertEquals("20261125-14:30:00.123", m.get(60));
        assertEquals("20261125", m.get(75));
    }

    @Test
    void stateRoundTripsThroughItsFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(GeneratorState.FILE_NAME);
        assertEquals("order 1 step 1", GeneratorState.load(file).toString());
        GeneratorState s = new GeneratorState(7, 3).next();
        s.save(file);
        assertEquals("order 8 step 1", GeneratorState.load(file).toString());
    }
}
