/**
 * Benchmarks of live analysis: word latency at real-time pace, concurrent calls per node, and the live
 * transcript's word error rate against the post-call one's.
 */
package org.earshot.bench.live;
