package org.earshot.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rings that went unanswered, per agent, of the calls that entered in a range (the KPIs' rule: a
 * call counts where it entered): every ring attempt (AgentRingNoAnswer), and the calls an agent was
 * rung for and never took. Read from the calls' stored records, only those that hold a ring attempt.
 */
final class RingMisses {

    /** What a stored CallRecord says about who was rung and who took the call; the rest is not read. */
    record Rung(String agent, List<Named> agents, List<Named> ringAttempts) {
    }

    record Named(String agent) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RingMisses() {
    }

    /** Per agent: {ring-no-answer attempts, missed calls}. */
    static Map<String, long[]> read(Connection c, String agentOrNull, String queueOrNull, long from, long to) throws SQLException {
        Map<String, long[]> byAgent = new TreeMap<>();
        // Jackson writes a non-empty list as "ringAttempts":[{ : the LIKE skips the calls every agent answered.
        try (PreparedStatement s = c.prepareStatement("SELECT record_json FROM calls WHERE entered_at >= ? AND entered_at < ?"
                + " AND record_json LIKE '%\"ringAttempts\":[{%'" + (queueOrNull == null ? "" : " AND queue = ?"))) {
            s.setTimestamp(1, new Timestamp(from));
            s.setTimestamp(2, new Timestamp(to));
            if (queueOrNull != null) {
                s.setString(3, queueOrNull);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    add(rs.getString(1), agentOrNull, byAgent);
                }
            }
        }
        return byAgent;
    }

    private static void add(String json, String agentOrNull, Map<String, long[]> byAgent) throws SQLException {
        Rung call;
        try {
            call = JSON.readValue(json, Rung.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored call record does not parse: " + e.getOriginalMessage(), e);
        }
        Set<String> took = new HashSet<>();
        if (call.agent() != null) {
            took.add(call.agent());
        }
        if (call.agents() != null) {
            call.agents().forEach(a -> took.add(a.agent()));
        }
        Set<String> missed = new HashSet<>();
        for (Named ring : call.ringAttempts() == null ? List.<Named>of() : call.ringAttempts()) {
            if (ring.agent() == null || (agentOrNull != null && !agentOrNull.equals(ring.agent()))) {
                continue;
            }
            long[] counts = byAgent.computeIfAbsent(ring.agent(), a -> new long[2]);
            counts[0]++;
            if (!took.contains(ring.agent()) && missed.add(ring.agent())) {
                counts[1]++;
            }
        }
    }
}
