package com.jifen.ledger;

import com.jifen.organization.Member;

/**
 * A member on the self-separation attention list (自行脱党关注名单).
 *
 * @param monthsWithout the longest run of recorded absences ending in the month asked about
 * @param lastOrganizationalLife the last month recorded present (yyyy-MM), or null
 */
public record AttentionMember(Member member, int monthsWithout, String lastOrganizationalLife) {}
