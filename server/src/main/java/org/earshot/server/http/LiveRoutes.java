package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.earshot.server.crm.CallerCards;
import org.earshot.server.live.AgentView;
import org.earshot.server.live.QueueView;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.QueueBoard;

/**
 * The live wall: agents (GET /api/agents/live) and callers waiting per queue (GET /api/queues/live);
 * changes to both are pushed on WebSocket /api/live.
 */
final class LiveRoutes {

    private final AgentBoard board;
    private final QueueBoard queues;
    private final ObjectMapper json;
    private final CallerCards crm;

    /** @param crm the callers' CRM cards known now (the screen-pop) */
    LiveRoutes(AgentBoard board, QueueBoard queues, ObjectMapper json, CallerCards crm) {
        this.board = board;
        this.queues = queues;
        this.json = json;
        this.crm = crm;
    }

    Response agents(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("agents", board.snapshot().stream().map(a -> AgentView.of(a, crm)).toList())));
    }

    Response queues(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("queues", QueueView.of(queues.snapshot(), crm))));
    }
}
