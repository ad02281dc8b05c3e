/** What happens to a call after the PBX reports it: stored, indexed, queued, analysed, re-indexed. */
package org.earshot.server.jobs;
