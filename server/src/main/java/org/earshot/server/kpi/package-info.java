/**
 * Call-center KPIs (SPEC, "Call-center KPIs"): {@link org.earshot.server.kpi.KpiRules} says what each
 * call adds, the store keeps the sums as rollups, {@link org.earshot.server.kpi.KpiService} reads them
 * (and the calls at a range's edges).
 */
package org.earshot.server.kpi;
