package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.CallStore;
import org.earshot.server.jobs.RecordingLocator;
import org.earshot.server.metrics.EarshotMetrics;
import org.earshot.server.store.JobQueue;
import org.earshot.telephony.AgentBoard;

/** The route table: every URL of the API, who may call it, and its handler. */
public final class ApiRoutes {

    private static final Set<Role> ALL_ROLES = Set.of(Role.values());
    private static final Set<Role> KPI_ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.TRAINER);
    static final Set<Role> LIVE_ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR);

    private ApiRoutes() {
    }

    public static Router router(Authenticator auth, TranscriptIndex index, CallStore calls, JobQueue jobs, KpiService kpis,
                                AgentBoard agents, RecordingLocator recordings, EarshotMetrics metrics,
                                ObjectMapper json, java.time.Clock clock) {
        AuthRoutes authRoutes = new AuthRoutes(auth, json);
        CallRoutes callRoutes = new CallRoutes(index, calls, jobs, json);
        KpiRoutes kpiRoutes = new KpiRoutes(kpis, json, clock);
        LiveRoutes liveRoutes = new LiveRoutes(agents, json);
        AudioRoutes audioRoutes = new AudioRoutes(calls, recordings);
        UserRoutes userRoutes = new UserRoutes(auth, json);
        return new Router()
                .open("GET", "/api/health", authRoutes::health)
                .open("POST", "/api/login", authRoutes::login)
                // Counts only, no call data: open to the Prometheus scraper like /api/health.
                .open("GET", "/metrics", r -> new Response(io.netty.handler.codec.http.HttpResponseStatus.OK,
                        EarshotMetrics.contentType(), metrics.scrape(), java.util.Map.of()))
                .allow("GET", "/api/me", ALL_ROLES, r -> Response.json(json.writeValueAsBytes(java.util.Map.of(
                        "username", r.principal().username(), "role", r.principal().role().key()))))
                .allow("GET", "/api/calls", ALL_ROLES, callRoutes::search)
                .allow("GET", "/api/calls/{id}", ALL_ROLES, callRoutes::get)
                .allow("GET", "/api/calls/{id}/audio", ALL_ROLES, audioRoutes::audio)
                .allow("GET", "/api/kpis", KPI_ROLES, kpiRoutes::kpis)
                .allow("GET", "/api/kpis.csv", KPI_ROLES, kpiRoutes::csv)
                .allow("GET", "/api/agents/live", LIVE_ROLES, liveRoutes::agents)
                .allow("GET", "/api/users", Set.of(Role.ADMIN), userRoutes::list)
                .allow("POST", "/api/users", Set.of(Role.ADMIN), userRoutes::create);
    }
}
