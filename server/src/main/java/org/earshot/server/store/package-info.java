/** The relational store (H2 or PostgreSQL, schema by Flyway): calls, analyses, jobs and users. */
package org.earshot.server.store;
