/**
 * Backup and restore of a node's data dir: a consistent copy of the embedded database (asked of the running node
 * when one holds it), the settings and optionally the recordings; the search index is rebuilt from the store on the
 * first start after a restore.
 */
package org.earshot.server.backup;
