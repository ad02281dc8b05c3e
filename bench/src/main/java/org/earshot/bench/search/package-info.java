/** The search benchmark: synthetic calls indexed and queried with Lucene, against H2 with SQL LIKE. */
package org.earshot.bench.search;
