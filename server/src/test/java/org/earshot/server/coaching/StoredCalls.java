package org.earshot.server.coaching;

import org.earshot.server.testing.TestStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;

/** Stores calls the way the server does: the call record, its survey answer, and its analysis report. */
final class StoredCalls {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final Database db;
    private final CallStore calls;
    private final SurveyStore surveys;
    private int sequence;

    StoredCalls(Database db) {
        this.db = db;
        this.calls = TestStores.calls(db);
        this.surveys = TestStores.surveys(db);
    }

    static Instant berlin(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(BERLIN).toInstant();
    }

    /** An answered call of {@code agent} entering the queue at {@code entered}; store it with {@link Call#save()}. */
    Call answered(String id, String agent, Instant entered) {
        return new Call(id, agent, entered);
    }

    final class Call {
        private final String id;
        private final List<String> agents = new ArrayList<>();
        private final Instant entered;
        private CallOutcome outcome = CallOutcome.ANSWERED;
        private double talk = 200;
        private double wrapUp = 20;
        private String caller;
        private Integer csat;
        private AnalysisReport report;
        private String corruptReport;

        private Call(String id, String agent, Instant entered) {
            this.id = id;
            this.agents.add(agent);
            this.entered = entered;
            this.caller = "555" + String.format("%04d", ++sequence);
        }

        Call talk(double seconds) {
            talk = seconds;
            return this;
        }

        Call caller(String number) {
            caller = number;
            return this;
        }

        Call csat(int answer) {
            csat = answer;
            return this;
        }

        Call report(Reports r) {
            report = r.report();
            return this;
        }

        /** The call is analysed, but what the store holds for its report is {@code json}, not a report. */
        Call corruptReport(String json) {
            report = Reports.call().report();
            corruptReport = json;
            return this;
        }

        /** The call was transferred to {@code other}, who talked the second half. */
        Call transferredTo(String other) {
            agents.add(other);
            return this;
        }

        Call abandoned() {
            outcome = CallOutcome.ABANDONED;
            agents.clear();
            return this;
        }

        String save() {
            boolean answered = outcome == CallOutcome.ANSWERED;
            Instant answeredAt = entered.plusSeconds(10);
            Instant ended = answered ? answeredAt.plusSeconds((long) talk) : entered.plusSeconds(30);
            List<AgentTalk> talks = new ArrayList<>();
            for (String agent : agents) {
                talks.add(new AgentTalk(agent, "Local/" + agent + "@agents/n", talk / agents.size(), 0));
            }
            calls.save(CallRecord.builder(id, entered, ended, outcome).linkedId(id + "-linked").caller(caller)
                    .queue("support").queues(List.of("support")).answeredAt(answered ? answeredAt : null)
                    .waitSeconds(answered ? 10 : 30).talkSeconds(answered ? talk : null)
                    .wrapUpSeconds(answered ? wrapUp : null).agents(talks).build());
            if (csat != null) {
                surveys.save(id + "-linked", csat, null, null, ended.plusSeconds(60));
            }
            if (report != null) {
                analyse(id, report, ended.plusSeconds(120));
            }
            if (corruptReport != null) {
                overwriteReport(id, corruptReport);
            }
            return id;
        }
    }

    /** Stores (or replaces, as a re-analysis does) a call's analysis report. */
    void analyse(String id, AnalysisReport report, Instant at) {
        calls.saveAnalysis(id, report, at);
    }

    /** What a bad disk or a hand-edited row leaves: the store cannot write such a report itself. */
    private void overwriteReport(String id, String json) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE analyses SET report = ? WHERE call_id = ?")) {
            s.setString(1, json);
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("overwriting the report of call " + id + " failed", e);
        }
    }
}
