/** What supervisors watch live: agent states, callers waiting per queue, finished calls and today's KPIs, pushed over WebSocket. */
package org.earshot.server.live;
