/** Reading Asterisk's history files (queue_log, cdr-csv) into the same call records live AMI gives. */
package org.earshot.telephony.history;
