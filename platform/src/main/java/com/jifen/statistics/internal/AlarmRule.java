package com.jifen.statistics.internal;

/** The county review's alarm rules; docs/county-review.md states each with its thresholds and why. */
public enum AlarmRule { UNIFORM_SCORING, LATE_CONFIRMATION, SAME_DAY_ENTRY, RUBBER_STAMP_BALLOT, QUORUM_BARELY_MET, SELF_ASSESSMENT_COPIED, QUOTA_EDGE }
