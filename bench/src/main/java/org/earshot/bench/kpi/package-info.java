/** The KPI benchmark: a year of calls, surveys and agent activity, and the dashboard's views timed on it, raw path against rollups. */
package org.earshot.bench.kpi;
