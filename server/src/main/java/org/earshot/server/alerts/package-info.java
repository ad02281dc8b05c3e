/** Alerts while calls are up: rules over live speech, the agent and queue boards and today's KPIs, raised once per episode. */
package org.earshot.server.alerts;
