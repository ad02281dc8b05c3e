/**
 * QA review (SPEC, "Users and roles": qa): the queue of flagged calls, scorecards whose criteria a
 * reviewer scores or the analysis report scores automatically, reviews, notes, and figures per agent.
 * {@link org.earshot.server.qa.QaService} is the entry point.
 */
package org.earshot.server.qa;
