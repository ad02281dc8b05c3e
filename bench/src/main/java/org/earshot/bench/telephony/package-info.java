/** Telephony benchmarks: a generated AMI stream through the real Asterisk-Java parser and call tracker. */
package org.earshot.bench.telephony;
