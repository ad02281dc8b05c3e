package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.coaching.CoachingService;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.SurveyStore;
import org.earshot.server.jobs.RecordingLocator;
import org.earshot.server.metrics.EarshotMetrics;
import org.earshot.server.qa.QaService;
import org.earshot.server.store.JobQueue;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.QueueBoard;

/** The route table: every URL of the API, who may call it, and its handler. */
public final class ApiRoutes {

    private static final Set<Role> ALL_ROLES = Set.of(Role.values());
    private static final Set<Role> KPI_ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.TRAINER);
    static final Set<Role> LIVE_ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR);
    /** Re-running an analysis costs CPU and replaces the report QA reads: not for trainers. */
    static final Set<Role> REANALYSE_ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.QA);

    // Query parameters: a route not given any takes none; anything else is refused with a 400 (QueryParams).
    // Search's own parameters, and kpi/groupBy/key of a KPI figure's drill-down (KpiRoutes.drillDownCalls).
    private static final QueryParams CALL_SEARCH = QueryParams.of(java.util.stream.Stream.concat(
                    org.earshot.search.CallQuery.PARAMETERS.stream()
                            .filter(p -> !org.earshot.search.CallQuery.REPEATABLE_PARAMETERS.contains(p)),
                    java.util.stream.Stream.of("kpi", "groupBy", "key")).distinct().toArray(String[]::new))
            .repeatable(org.earshot.search.CallQuery.PARAMETERS.stream()
                    .filter(org.earshot.search.CallQuery.REPEATABLE_PARAMETERS::contains).toArray(String[]::new));
    private static final QueryParams KPI_QUERY = QueryParams.of("from", "to", "groupBy", "queue", "agent");
    private static final QueryParams RANGE = QueryParams.of("from", "to");

    private ApiRoutes() {
    }

    /** A figure's calls say how many the figure counts: only for the roles that may read KPIs. */
    private static Request requireKpiRole(Request r) {
        if (!KPI_ROLES.contains(r.principal().role())) {
            throw ApiException.forbidden("kpi: your role (" + r.principal().role().key() + ") may not read KPIs");
        }
        return r;
    }

    /** A route an API key may not use, whatever its role: users, keys and the audit log are managed by people. */
    private static Router.Handler forPeople(Router.Handler handler) {
        return KeyRoutes.forPeople(KeyRoutes.MANAGES_ACCESS, handler);
    }

    public static Router router(Authenticator auth, TranscriptIndex index, CallStore calls, JobQueue jobs, KpiService kpis,
                                AgentBoard agents, QueueBoard queues, RecordingLocator recordings, EarshotMetrics metrics,
                                ObjectMapper json, java.time.Clock clock, AuditStore audit,
                                SurveyStore surveys, QaService qa, CoachingService coaching, String liveSource,
                                java.util.function.Supplier<java.util.Map<String, Object>> settings,
                                java.util.function.LongSupplier indexPendingChanges,
                                // CRM caller lookup and screen-pop: crmId/crmName/crmUrl on the live wall and a call.
                                org.earshot.server.crm.ScreenPop crm,
                                org.earshot.server.webhooks.WebhookAdmin webhooks,
                                org.earshot.server.lifecycle.Erasure erasure,
                                org.earshot.server.lifecycle.LegalHolds legalHolds,
                                org.earshot.server.searches.SavedSearches savedSearches,
                                // Listen/whisper/barge, pause/unpause/remove over AMI (issue 17); null without AMI.
                                org.earshot.telephony.SupervisorActions supervisorActions,
                                org.earshot.server.store.UserStore users,
                                // Alerts (issue 17): the list and acknowledge.
                                org.earshot.server.alerts.AlertMonitor alerts) {
        AuthRoutes authRoutes = new AuthRoutes(auth, json, indexPendingChanges);
        CallRoutes callRoutes = new CallRoutes(index, calls, jobs, surveys, json, auth, kpis.definitions().zone(), crm::ofCall,
                id -> Boolean.TRUE.equals(legalHolds.of(id)));
        KpiRoutes kpiRoutes = new KpiRoutes(kpis, json, clock, auth);
        LiveRoutes liveRoutes = new LiveRoutes(agents, queues, json, crm);
        AudioRoutes audioRoutes = new AudioRoutes(calls, recordings, auth, json);
        UserRoutes userRoutes = new UserRoutes(auth, audit, json);
        QaRoutes qaRoutes = new QaRoutes(qa, json, clock, kpis.definitions().zone(), auth);
        CoachingRoutes coachingRoutes = new CoachingRoutes(coaching, json, clock);
        WebhookRoutes webhookRoutes = new WebhookRoutes(webhooks, auth, json);
        KeyRoutes keyRoutes = new KeyRoutes(auth, json);
        LifecycleRoutes lifecycleRoutes = new LifecycleRoutes(erasure, legalHolds, json);
        SavedSearchRoutes savedSearchRoutes = new SavedSearchRoutes(savedSearches, auth, json);
        SupervisorRoutes supervisorRoutes = new SupervisorRoutes(supervisorActions, users, auth, json);
        AlertRoutes alertRoutes = new AlertRoutes(alerts, auth, json, clock, kpis.definitions().zone());
        // Assembled now: a bad fragment stops the start with its name.
        OpenApi openApi = OpenApi.load(json);
        ExportRoutes exportRoutes = new ExportRoutes(callRoutes, index, calls, json, auth, kpis.definitions().zone());
        Router router = new Router()
                .open("GET", "/api/health", authRoutes::health)
                .open("GET", "/api/version", new VersionRoutes(org.earshot.server.BuildInfo.current(), json)::version)
                .open("POST", "/api/login", authRoutes::login)
                .allow("POST", "/api/logout", ALL_ROLES, KeyRoutes.forPeople(KeyRoutes.NO_SESSION, authRoutes::logout))
                // Counts only, no call data: open to the Prometheus scraper like /api/health.
                .open("GET", "/metrics", r -> new Response(io.netty.handler.codec.http.HttpResponseStatus.OK,
                        EarshotMetrics.contentType(), metrics.scrape(), java.util.Map.of()))
                // liveSource: whose agents and callers the live wall shows, "ami", "demo" (simulated) or "none".
                .allow("GET", "/api/me", ALL_ROLES, r -> Response.json(json.writeValueAsBytes(java.util.Map.of(
                        "username", r.principal().username(), "role", r.principal().role().key(), "liveSource", liveSource))))
                // The outcomes, flags and statuses the UI lists: from the server, never a second copy in the page.
                .allow("GET", "/api/vocabulary", ALL_ROLES, r -> Response.json(json.writeValueAsBytes(
                        Vocabulary.of(kpis.definitions().zone()))))
                // kpi=FIGURE: the calls a KPI figure counts, chosen by the KPI service (drill-down from the dashboard).
                .allow("GET", "/api/calls", ALL_ROLES, CALL_SEARCH, r -> r.param("kpi") != null
                        ? callRoutes.listed(r, kpiRoutes.drillDownCalls(requireKpiRole(r)))
                        : metrics.timeSearch(() -> callRoutes.search(r)))
                .allow("GET", "/api/calls/{id}", ALL_ROLES, callRoutes::get)
                .allow("GET", "/api/calls/{id}/analysis", ALL_ROLES, callRoutes::analysis)
                .allow("POST", "/api/calls/{id}/reanalyse", REANALYSE_ROLES, callRoutes::reanalyse)
                .allow("POST", "/api/reanalysis", Set.of(Role.ADMIN), QueryParams.of("from", "to", "queue"),
                        callRoutes::reanalyseRange)
                // Erasure on request and legal hold (issue 16): admins, audited; the audit names no caller number.
                .allow("DELETE", "/api/calls/{id}", Set.of(Role.ADMIN), lifecycleRoutes::deleteCall)
                .allow("POST", "/api/erasure", Set.of(Role.ADMIN), lifecycleRoutes::eraseCaller)
                .allow("GET", "/api/calls/{id}/legal-hold", Set.of(Role.ADMIN), lifecycleRoutes::legalHold)
                .allow("PUT", "/api/calls/{id}/legal-hold", Set.of(Role.ADMIN), lifecycleRoutes::setLegalHold)
                // Saved searches that alert (issue 17): every role keeps its own, nobody sees another's.
                .allow("GET", "/api/searches", ALL_ROLES, savedSearchRoutes::list)
                .allow("POST", "/api/searches", ALL_ROLES, savedSearchRoutes::create)
                .allow("GET", "/api/searches/{id}", ALL_ROLES, savedSearchRoutes::get)
                .allow("PUT", "/api/searches/{id}", ALL_ROLES, savedSearchRoutes::update)
                .allow("DELETE", "/api/searches/{id}", ALL_ROLES, savedSearchRoutes::delete)
                .allow("POST", "/api/searches/{id}/seen", ALL_ROLES, savedSearchRoutes::seen)
                .allow("GET", "/api/searches/{id}/matches", ALL_ROLES, QueryParams.of("limit"), savedSearchRoutes::matches)
                .allow("GET", "/api/calls/{id}/audio", ALL_ROLES, audioRoutes::audio)
                .allow("GET", "/api/calls/{id}/waveform", ALL_ROLES, QueryParams.of("points"), audioRoutes::waveform)
                .allow("GET", "/api/kpis", KPI_ROLES, KPI_QUERY, kpiRoutes::kpis)
                .allow("GET", "/api/kpis.csv", KPI_ROLES, KPI_QUERY, kpiRoutes::csv)
                .allow("GET", "/api/qa/scorecards", QaRoutes.READ, qaRoutes::scorecards)
                .allow("POST", "/api/qa/scorecards", QaRoutes.WRITE, qaRoutes::createScorecard)
                .allow("PUT", "/api/qa/scorecards/{id}", QaRoutes.WRITE, qaRoutes::updateScorecard)
                .allow("GET", "/api/qa/queue", QaRoutes.READ,
                        QueryParams.of("status", "flag", "agent", "queue", "page", "size"), qaRoutes::queue)
                .allow("GET", "/api/qa/reviews/{callId}", QaRoutes.READ, qaRoutes::review)
                .allow("PUT", "/api/qa/reviews/{callId}", QaRoutes.WRITE, qaRoutes::saveReview)
                .allow("POST", "/api/qa/reviews/{callId}/preview", QaRoutes.WRITE, qaRoutes::previewReview)
                .allow("POST", "/api/qa/reviews/{callId}/notes", QaRoutes.WRITE, qaRoutes::addNote)
                .allow("GET", "/api/qa/agents", QaRoutes.READ, RANGE, qaRoutes::agents)
                .allow("GET", "/api/coaching/agents", CoachingRoutes.ROLES, RANGE, coachingRoutes::agents)
                .allow("GET", "/api/coaching/agents/{agent}", CoachingRoutes.ROLES, RANGE, coachingRoutes::agent)
                .allow("GET", "/api/coaching/patterns", CoachingRoutes.ROLES, RANGE, coachingRoutes::patterns)
                .allow("GET", "/api/agents/live", LIVE_ROLES, liveRoutes::agents)
                .allow("GET", "/api/queues/live", LIVE_ROLES, liveRoutes::queues)
                // Supervisor actions from the wall (issue 17): admins and supervisors, each attempt audited.
                .allow("GET", "/api/me/phone", LIVE_ROLES, supervisorRoutes::phone)
                .allow("PUT", "/api/me/phone", LIVE_ROLES, supervisorRoutes::setPhone)
                .allow("POST", "/api/agents/{agent}/listen", LIVE_ROLES,
                        r -> supervisorRoutes.spy(r, org.earshot.telephony.SupervisorActions.SpyMode.LISTEN))
                .allow("POST", "/api/agents/{agent}/whisper", LIVE_ROLES,
                        r -> supervisorRoutes.spy(r, org.earshot.telephony.SupervisorActions.SpyMode.WHISPER))
                .allow("POST", "/api/agents/{agent}/barge", LIVE_ROLES,
                        r -> supervisorRoutes.spy(r, org.earshot.telephony.SupervisorActions.SpyMode.BARGE))
                .allow("POST", "/api/agents/{agent}/pause", LIVE_ROLES, supervisorRoutes::pause)
                .allow("POST", "/api/agents/{agent}/unpause", LIVE_ROLES, supervisorRoutes::unpause)
                .allow("POST", "/api/agents/{agent}/remove", LIVE_ROLES, supervisorRoutes::remove)
                // Alerts (issue 17): who watches the floor; acknowledging is audited.
                .allow("GET", "/api/alerts", AlertRoutes.ROLES, AlertRoutes.PARAMS, alertRoutes::list)
                .allow("POST", "/api/alerts/{id}/acknowledge", AlertRoutes.ROLES, alertRoutes::acknowledge)
                // Users and the audit log: people only, never an API key (KeyRoutes.forPeople).
                .allow("GET", "/api/users", Set.of(Role.ADMIN), forPeople(userRoutes::list))
                .allow("POST", "/api/users", Set.of(Role.ADMIN), forPeople(userRoutes::create))
                .allow("PATCH", "/api/users/{username}", Set.of(Role.ADMIN), forPeople(userRoutes::update))
                .allow("GET", "/api/audit", Set.of(Role.ADMIN),
                        QueryParams.of("user", "action", "target", "from", "to", "page", "size"), forPeople(userRoutes::audit))
                // API keys (issue 15): admins who logged in manage them; a key never manages keys.
                .allow("GET", "/api/keys", Set.of(Role.ADMIN), forPeople(keyRoutes::list))
                .allow("POST", "/api/keys", Set.of(Role.ADMIN), forPeople(keyRoutes::create))
                .allow("DELETE", "/api/keys/{id}", Set.of(Role.ADMIN), forPeople(keyRoutes::revoke))
                // Webhooks (issue 15): endpoints, their deliveries with every attempt, resend, test event. Admins only;
                // an admin API key may manage them too (provisioning from a script), unlike users and keys.
                .allow("GET", "/api/webhooks", Set.of(Role.ADMIN), webhookRoutes::list)
                .allow("POST", "/api/webhooks", Set.of(Role.ADMIN), webhookRoutes::create)
                .allow("PATCH", "/api/webhooks/{id}", Set.of(Role.ADMIN), webhookRoutes::update)
                .allow("DELETE", "/api/webhooks/{id}", Set.of(Role.ADMIN), webhookRoutes::delete)
                .allow("GET", "/api/webhooks/{id}/deliveries", Set.of(Role.ADMIN), QueryParams.of("status", "limit"),
                        webhookRoutes::deliveries)
                .allow("POST", "/api/webhooks/{id}/deliveries/{deliveryId}/resend", Set.of(Role.ADMIN),
                        webhookRoutes::resend)
                .allow("POST", "/api/webhooks/{id}/test", Set.of(Role.ADMIN), webhookRoutes::test)
                // Read-only: settings change in earshot.conf, where a bad value stops the start with its name.
                .allow("GET", "/api/settings", Set.of(Role.ADMIN), r -> Response.json(json.writeValueAsBytes(settings.get())))
                // OpenAPI and exports (issue 15). The description holds no data: open, so Swagger UI and tools read it.
                .open("GET", "/api/openapi.json", openApi::serve)
                .allow("GET", "/api/calls/{id}/transcript", ALL_ROLES, QueryParams.of("format"), exportRoutes::transcript)
                .allow("GET", "/api/calls.csv", ALL_ROLES, CALL_SEARCH, r -> exportRoutes.callsCsv(r,
                        r.param("kpi") != null ? kpiRoutes.drillDownCalls(requireKpiRole(r)) : null));
        // Who may call each operation comes from this table; the live WebSocket is served before the router.
        openApi.withRoles(router.routes(), java.util.Map.of("GET " + LiveSocket.PATH, LIVE_ROLES));
        return router;
    }
}
