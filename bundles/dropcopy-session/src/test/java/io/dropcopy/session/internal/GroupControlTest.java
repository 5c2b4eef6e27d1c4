package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.GroupOwnership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ownership rules alone: a scripted election and a log of what the sessions were told, in order. */
class GroupControlTest {
    private final List<String> log = new ArrayList<>();
    private final GroupControl control = new GroupControl(new Object(), new GroupControl.Sessions() {
        @Override
        public void start(String group) {
            log.add("start " + group);
        }

        @Override
        public void stop(String group) {
            log.add("stop " + group);
        }
    });

    /** An election driven by the test: grant/revoke call the group's current listener. */
    private final class ScriptedElection implements GroupOwnership {
        final Map<String, Listener> members = new HashMap<>();
        int nodes = 1;

        @Override
        public int members(String group) {
            return nodes;
        }

        @Override
        public AutoCloseable join(String group, Listener listener) {
            log.add("join " + group);
            members.put(group, listener);
            return () -> {
                log.add("leave " + group);
                members.remove(group, listener);
            };
        }

        @Override
        public String describe() {
            return "scripted";
        }

        void grant(String group) {
            members.get(group).ownershipChanged(true);
        }

        void revoke(String group) {
            members.get(group).ownershipChanged(false);
        }
    }

    @Test
    void singleNodeRunsEveryConsumedGroupAsBefore() {
        control.consumed("A", true);
        assertTrue(control.runs("A"));
        assertEquals(Map.of("A", "OWNER"), control.states());
        control.consumed("A", false);
        assertFalse(control.runs("A"));
        assertEquals(List.of("start A", "stop A"), log);
    }

    @Test
    void clusteredGroupRunsOnlyWhileOwned() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        control.consumed("A", true);
        assertFalse(control.runs("A"), "a member is not an owner");
        assertEquals("STANDBY", control.states().get("A"));
        election.grant("A");
        assertTrue(control.runs("A"));
        election.revoke("A");
        assertFalse(control.runs("A"));
        assertEquals(List.of("join A", "start A", "stop A"), log);
    }

    @Test
    void aNodeWithoutConsumerNeverJoins() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        assertTrue(election.members.isEmpty());
        assertFalse(control.runs("A"));
        control.consumed("A", true);
        assertEquals(List.of("join A"), log);
    }

    @Test
    void lastConsumerGoneLogsOutBeforeLeavingTheElection() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        control.consumed("A", true);
        election.grant("A");
        control.consumed("A", false);
        assertEquals(List.of("join A", "start A", "stop A", "leave A"), log);
        assertTrue(control.states().isEmpty());
    }

    @Test
    void drainLogsOutBeforeLeavingAndJoinsNothingUntilUndrained() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        control.consumed("A", true);
        control.consumed("B", true);
        election.grant("A");
        log.clear();

        control.drain(true);
        assertEquals(List.of("stop A", "leave A", "leave B"), log, "A logs out before another node can win it");
        assertEquals(Map.of("A", "DRAINED", "B", "DRAINED"), control.states());
        control.consumed("C", true);
        assertFalse(log.contains("join C"), "a drained node joins no election");

        log.clear();
        control.drain(false);
        assertEquals(List.of("join A", "join B", "join C"), log);
        assertFalse(control.runs("A"), "undrained: a member again, owner only when elected");
    }

    @Test
    void aLateCallbackFromAnElectionLeftIsIgnored() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        control.consumed("A", true);
        GroupOwnership.Listener old = election.members.get("A");
        control.consumed("A", false);
        control.consumed("A", true);
        log.clear();
        old.ownershipChanged(true);
        assertFalse(control.runs("A"));
        assertTrue(log.isEmpty(), "nothing started by a stale election: " + log);
    }

    @Test
    void clusteredWithoutItsServiceNothingRuns() {
        control.consumed("A", true);
        log.clear();
        control.ownership(null);
        assertEquals(List.of("stop A"), log, "single-node ownership given up");
        assertFalse(control.runs("A"));
        assertEquals(Map.of("A", "NO ELECTION"), control.states());

        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        assertFalse(control.runs("A"), "the service arrived: member, not owner");
        election.grant("A");
        assertTrue(control.runs("A"));
    }

    @Test
    void anElectionThatCannotBeJoinedLeavesTheGroupStopped() {
        control.ownership(new GroupOwnership() {
            @Override
            public AutoCloseable join(String group, Listener listener) throws Exception {
                throw new java.io.IOException("ZooKeeper unreachable");
            }

            @Override
            public String describe() {
                return "broken";
            }
        });
        control.consumed("A", true);
        assertFalse(control.runs("A"));
        assertTrue(log.isEmpty());
    }

    @Test
    void aNodeOwningMoreThanItsShareHandsOneGroupOverAtATime() {
        ScriptedElection election = new ScriptedElection();
        control.ownership(election);
        for (String g : List.of("A", "B", "C", "D")) {
            control.consumed(g, true);
            election.grant(g);
        }
        assertEquals(null, control.rebalance(0), "alone in the elections: keeps everything");

        election.nodes = 2; // a node joined: share 2 of 4
        log.clear();
        assertEquals("D", control.rebalance(0));
        assertEquals(List.of("stop D", "leave D", "join D"), log, "logged out before leaving, then queued again");
        assertFalse(control.runs("D"));
        assertEquals(null, control.rebalance(GroupControl.REBALANCE_PAUSE_MS - 1), "one group per pause");
        assertEquals("C", control.rebalance(GroupControl.REBALANCE_PAUSE_MS));
        assertEquals(null, control.rebalance(3 * GroupControl.REBALANCE_PAUSE_MS), "2 of 4 owned: its share");
        assertTrue(control.runs("A") && control.runs("B"));
    }

    @Test
    void noRebalancingOnASingleNodeOrWhenDrained() {
        control.consumed("A", true);
        control.consumed("B", true);
        assertEquals(null, control.rebalance(0), "single node");
        ScriptedElection election = new ScriptedElection();
        election.nodes = 3;
        control.ownership(election);
        election.grant("A");
        election.grant("B");
        control.drain(true);
        assertEquals(null, control.rebalance(0));
    }
}
