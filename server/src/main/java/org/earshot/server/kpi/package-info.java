/** Call-center KPIs (SPEC, "Call-center KPIs") computed from the stored calls. */
package org.earshot.server.kpi;
