/**
 * The relational store (H2 or PostgreSQL, schema by Flyway), and the one owner of SQL: calls and their
 * analyses (typed {@code AnalysisReport}s), their CRM records, surveys, KPI rollups and caller facts, agent-state
 * intervals and their rollups, QA scorecards and reviews, jobs, users and the audit log. Services take
 * these stores, never a {@link org.earshot.server.store.Database}; only the composition root opens one.
 */
package org.earshot.server.store;
