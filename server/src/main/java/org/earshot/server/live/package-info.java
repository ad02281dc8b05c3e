/** What supervisors watch live: agent states, finished calls and today's KPIs, pushed over WebSocket. */
package org.earshot.server.live;
