package com.jifen.ledger.internal;

import static com.jifen.shared.Sql.uuids;

import com.jifen.ledger.Evidence;
import com.jifen.ledger.LedgerEntry;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.EvidenceId;
import com.jifen.shared.MemberId;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of the ledger's tables (month_sheet, draft_cell, ledger_entry, evidence, published_sheet, entry_review):
 * one method per question, each answering records. Grid writes go as one {@code unnest} insert whatever the number of
 * cells, and sheet reads aggregate in PostgreSQL, which is what keeps posting a month and reading boards fast.
 */
final class LedgerQueries {
  private LedgerQueries() {}

  // ---------------------------------------------------------------- month_sheet

  /**
   * Creates the sheet if needed and locks its row for the rest of the transaction: every write to one branch
   * month goes through here, so concurrent writers queue instead of overwriting each other.
   */
  static Mono<SheetState> lockSheet(TenantTx tx, BranchId branch, YearMonth period) {
    // one round trip: the upsert's no-op update takes the row lock and returns the state
    return month(tx.sql("insert into month_sheet (tenant_id, branch_id, year, month) values (:t, :b, :y, :m) "
            + "on conflict (tenant_id, branch_id, year, month) do update set version = month_sheet.version returning state"),
        tx.tenant(), branch, period)
        .map(r -> SheetState.valueOf(r.get("state", String.class))).one();
  }

  static Mono<SheetState> sheetState(TenantTx tx, BranchId branch, YearMonth period) {
    return month(tx.sql("select state from month_sheet where tenant_id = :t and branch_id = :b and year = :y and month = :m"),
        tx.tenant(), branch, period)
        .map(r -> SheetState.valueOf(r.get("state", String.class))).one().defaultIfEmpty(SheetState.OPEN);
  }

  static Mono<Long> markConfirmed(TenantTx tx, BranchId branch, YearMonth period, String actor, Instant confirmedAt) {
    return month(tx.sql("update month_sheet set state = 'CONFIRMED', confirmed_at = :at, confirmed_by = :by, "
            + "version = version + 1 where tenant_id = :t and branch_id = :b and year = :y and month = :m"), tx.tenant(), branch, period)
        .bind("by", actor).bind("at", confirmedAt).fetch().rowsUpdated();
  }

  static Mono<Long> markPublished(TenantTx tx, BranchId branch, YearMonth period, String actor, Instant publishedAt) {
    return month(tx.sql("update month_sheet set state = 'PUBLISHED', published_at = :at, published_by = :by, "
            + "version = version + 1 where tenant_id = :t and branch_id = :b and year = :y and month = :m"), tx.tenant(), branch, period)
        .bind("by", actor).bind("at", publishedAt).fetch().rowsUpdated();
  }

  // ---------------------------------------------------------------- draft_cell

  record Draft(BigDecimal points, BigDecimal selfPoints, int version, String updatedBy) {}

  static Mono<Map<CellKey, Draft>> drafts(TenantTx tx, BranchId branch, YearMonth period) {
    return month(tx.sql("select member_id, item_code, points, self_points, version, updated_by from draft_cell "
            + "where tenant_id = :t and branch_id = :b and year = :y and month = :m"), tx.tenant(), branch, period)
        .map(LedgerQueries::draft)
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Upserts the cells and answers each as written, so the caller has the new versions without reading the month again. */
  static Mono<Map<CellKey, Draft>> saveDrafts(TenantTx tx, BranchId branch, YearMonth period, String actor, Instant savedAt,
      List<MonthCells.DraftCellInput> cells) {
    return month(tx.sql("insert into draft_cell (tenant_id, branch_id, year, month, member_id, item_code, points, updated_by, updated_at) "
            + "select :t, :b, :y, :m, * , :by, :at from unnest(:members::uuid[], :items::text[], :points::numeric[]) "
            + "on conflict (tenant_id, branch_id, year, month, member_id, item_code) do update set "
            + "points = excluded.points, version = draft_cell.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at "
            + "returning member_id, item_code, points, self_points, version, updated_by"),
        tx.tenant(), branch, period)
        .bind("by", actor).bind("at", savedAt)
        .bind("members", cells.stream().map(c -> MemberId.parse(c.memberId()).value()).toArray(UUID[]::new))
        .bind("items", cells.stream().map(MonthCells.DraftCellInput::item).toArray(String[]::new))
        .bind("points", cells.stream().map(MonthCells.DraftCellInput::points).toArray(BigDecimal[]::new))
        .map(LedgerQueries::draft)
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private static Map.Entry<CellKey, Draft> draft(Readable r) {
    return Map.entry(new CellKey(new MemberId(r.get("member_id", UUID.class)), r.get("item_code", String.class)),
        new Draft(r.get("points", BigDecimal.class), r.get("self_points", BigDecimal.class),
            r.get("version", Integer.class), r.get("updated_by", String.class)));
  }

  record SelfScore(String item, BigDecimal points) {}

  static Mono<Long> saveSelfAssessment(TenantTx tx, BranchId branch, YearMonth period, MemberId member, String actor,
      Instant assessedAt, List<SelfScore> scores) {
    return month(tx.sql("insert into draft_cell (tenant_id, branch_id, year, month, member_id, item_code, self_points, self_at, "
            + "updated_by, updated_at) "
            + "select :t, :b, :y, :m, :member, item, points, :at, :by, :at from unnest(:items::text[], :points::numeric[]) as u(item, points) "
            + "on conflict (tenant_id, branch_id, year, month, member_id, item_code) do update set "
            + "self_points = excluded.self_points, self_at = excluded.self_at, version = draft_cell.version + 1"), tx.tenant(), branch, period)
        .bind("member", member.value()).bind("by", actor).bind("at", assessedAt)
        .bind("items", scores.stream().map(SelfScore::item).toArray(String[]::new))
        .bind("points", scores.stream().map(SelfScore::points).toArray(BigDecimal[]::new))
        .fetch().rowsUpdated();
  }

  // ---------------------------------------------------------------- ledger_entry: month sheets

  /** Effective ledger value of each item: the sum of its entries, reversals included. */
  static Mono<Map<CellKey, BigDecimal>> confirmedItemScores(TenantTx tx, BranchId branch, YearMonth period) {
    return month(tx.sql("select member_id, code, sum(points) as points from ledger_entry where tenant_id = :t and branch_id = :b "
            + "and year = :y and month = :m and kind = 'ITEM_SCORE' group by member_id, code"), tx.tenant(), branch, period)
        .map(r -> Map.entry(new CellKey(new MemberId(r.get("member_id", UUID.class)), r.get("code", String.class)),
            r.get("points", BigDecimal.class)))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A confirmed cell as it enters the ledger. */
  record ItemScore(EntryId id, MemberId member, String item, BigDecimal points, BigDecimal selfPoints) {}

  record SchemeRef(String code, Integer version) {}

  static Mono<Long> postItemScores(TenantTx tx, BranchId branch, YearMonth period, SchemeRef scheme, String actor,
      Instant recordedAt, List<ItemScore> scores) {
    return month(tx.sql("insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, "
            + "self_points, reason, scheme_code, scheme_version, actor, recorded_at) "
            + "select :t, u.id, u.member, :b, :y, :m, 'ITEM_SCORE', u.item, u.points, u.self, '月度评分', :sc, :sv, :actor, :at "
            + "from unnest(:ids::uuid[], :members::uuid[], :items::text[], :points::numeric[], :selfs::numeric[]) "
            + "as u(id, member, item, points, self)"), tx.tenant(), branch, period)
        .bind("sc", scheme.code()).bind("sv", scheme.version()).bind("actor", actor).bind("at", recordedAt)
        .bind("ids", scores.stream().map(s -> s.id().value()).toArray(UUID[]::new))
        .bind("members", scores.stream().map(s -> s.member().value()).toArray(UUID[]::new))
        .bind("items", scores.stream().map(ItemScore::item).toArray(String[]::new))
        .bind("points", scores.stream().map(ItemScore::points).toArray(BigDecimal[]::new))
        .bind("selfs", scores.stream().map(ItemScore::selfPoints).toArray(BigDecimal[]::new))
        .fetch().rowsUpdated();
  }

  /** A member's month in the ledger, reversals included: item scores, additions and deductions. */
  record MemberMonthTotals(BigDecimal items, BigDecimal additions, BigDecimal deductions) {
    static final MemberMonthTotals NONE = new MemberMonthTotals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  static Mono<Map<MemberId, MemberMonthTotals>> monthTotals(TenantTx tx, BranchId branch, YearMonth period) {
    return month(tx.sql("select member_id, coalesce(sum(points) filter (where kind = 'ITEM_SCORE'), 0) as items, "
            + "coalesce(sum(points) filter (where kind = 'ADDITION'), 0) as additions, "
            + "coalesce(sum(points) filter (where kind = 'DEDUCTION'), 0) as deductions "
            + "from ledger_entry where tenant_id = :t and branch_id = :b and year = :y and month = :m group by member_id"),
        tx.tenant(), branch, period)
        .map(r -> Map.entry(new MemberId(r.get("member_id", UUID.class)), new MemberMonthTotals(
            r.get("items", BigDecimal.class), r.get("additions", BigDecimal.class), r.get("deductions", BigDecimal.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  static Mono<List<LedgerEntry>> entriesRecordedAfter(TenantTx tx, BranchId branch, YearMonth period, Instant after) {
    return month(tx.sql(ENTRY + " where e.tenant_id = :t and e.branch_id = :b and e.year = :y and e.month = :m "
            + "and e.recorded_at > :at order by e.recorded_at"), tx.tenant(), branch, period)
        .bind("at", after.atOffset(ZoneOffset.UTC))
        .map(LedgerQueries::entryRow).all().collectList();
  }

  // ---------------------------------------------------------------- published_sheet

  record Snapshot(Instant publishedAt, String publishedBy, String rowsJson) {}

  static Mono<Long> insertPublished(TenantTx tx, BranchId branch, YearMonth period, String actor, Instant publishedAt,
      String rowsJson) {
    return month(tx.sql("insert into published_sheet (tenant_id, branch_id, year, month, published_at, published_by, snapshot) "
            + "values (:t, :b, :y, :m, :at, :by, :snapshot)"), tx.tenant(), branch, period)
        .bind("by", actor).bind("at", publishedAt).bind("snapshot", Json.of(rowsJson)).fetch().rowsUpdated();
  }

  static Mono<Snapshot> published(TenantTx tx, BranchId branch, YearMonth period) {
    return month(tx.sql("select published_at, published_by, snapshot from published_sheet "
            + "where tenant_id = :t and branch_id = :b and year = :y and month = :m"), tx.tenant(), branch, period)
        .map(r -> new Snapshot(r.get("published_at", OffsetDateTime.class).toInstant(), r.get("published_by", String.class),
            r.get("snapshot", Json.class).asString()))
        .one();
  }

  static Mono<Boolean> isMemberOfBranch(TenantTx tx, String memberCode, BranchId branch) {
    return tx.sql("select exists (select 1 from member where tenant_id = :t and code = :c and branch_id = :b) as ok")
        .bind("t", tx.tenant().value()).bind("c", memberCode).bind("b", branch.value())
        .map(r -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one();
  }

  // ---------------------------------------------------------------- ledger_entry: single entries

  /** An entry as recorded: an addition, a deduction, a reversal or a replacement. */
  record NewEntry(EntryId id, MemberId member, BranchId branch, YearMonth period, LedgerEntry.Kind kind, String code,
      BigDecimal points, BigDecimal selfPoints, EntryId reverses, String reason, LocalDate occurredOn, EvidenceId evidenceId,
      String schemeCode, int schemeVersion, String actor, boolean needsReview) {}

  static Mono<EntryId> insertEntry(TenantTx tx, NewEntry e, Instant recordedAt) {
    var spec = tx.sql("insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, "
            + "self_points, reverses, reason, occurred_on, evidence_id, scheme_code, scheme_version, actor, needs_review, "
            + "recorded_at) values "
            + "(:t, :id, :member, :branch, :y, :m, :kind, :code, :points, :self, :reverses, :reason, :on, :evidence, :sc, :sv, "
            + ":actor, :review, :at)")
        .bind("t", tx.tenant().value()).bind("id", e.id().value()).bind("member", e.member().value())
        .bind("branch", e.branch().value()).bind("y", e.period().getYear()).bind("m", e.period().getMonthValue())
        .bind("kind", e.kind().name()).bind("code", e.code()).bind("points", e.points()).bind("reason", e.reason())
        .bind("sc", e.schemeCode()).bind("sv", e.schemeVersion()).bind("actor", e.actor()).bind("review", e.needsReview())
        .bind("at", recordedAt);
    spec = Sql.bind(spec, "self", e.selfPoints(), BigDecimal.class);
    spec = Sql.bind(spec, "reverses", e.reverses() == null ? null : e.reverses().value(), UUID.class);
    spec = Sql.bind(spec, "on", e.occurredOn(), LocalDate.class);
    spec = Sql.bind(spec, "evidence", e.evidenceId() == null ? null : e.evidenceId().value(), UUID.class);
    return spec.fetch().rowsUpdated().thenReturn(e.id());
  }

  static Mono<LedgerEntry> entry(TenantTx tx, EntryId id) {
    return tx.sql(ENTRY + " where e.tenant_id = :t and e.entry_id = :id")
        .bind("t", tx.tenant().value()).bind("id", id.value()).map(LedgerQueries::entryRow).one();
  }

  /** The points already recorded this month under one addition or deduction code (reversals included). */
  static Mono<BigDecimal> monthTotalOfCode(TenantTx tx, MemberId member, YearMonth period, String code) {
    return tx.sql("select coalesce(sum(points), 0) as total from ledger_entry where tenant_id = :t and member_id = :m "
            + "and year = :y and month = :mo and code = :c")
        .bind("t", tx.tenant().value()).bind("m", member.value()).bind("y", period.getYear())
        .bind("mo", period.getMonthValue()).bind("c", code)
        .map(r -> r.get("total", BigDecimal.class)).one();
  }

  static Mono<List<LedgerEntry>> memberYear(TenantTx tx, MemberId member, int year) {
    return tx.sql(ENTRY + " where e.tenant_id = :t and e.member_id = :m and e.year = :y order by e.month, e.recorded_at")
        .bind("t", tx.tenant().value()).bind("m", member.value()).bind("y", year).map(LedgerQueries::entryRow).all().collectList();
  }

  /**
   * Whether each member was present per item and month index (year × 12 + month − 1) as the ledger shows it: present with
   * an addition or deduction of the item's code or its score above zero, absent with a score of zero; no entry, no value.
   */
  static Mono<Map<MemberId, Map<String, Map<Integer, Boolean>>>> presence(TenantTx tx, List<MemberId> members, List<String> codes,
      int fromIndex, int toIndex) {
    return tx.sql("select member_id, code, year * 12 + month - 1 as ym, bool_or(kind <> 'ITEM_SCORE') or sum(points) > 0 as present "
            + "from ledger_entry where tenant_id = :t and member_id = any(:members) and code = any(:codes) "
            + "and year * 12 + month - 1 between :start and :end group by member_id, code, year, month")
        .bind("t", tx.tenant().value()).bind("members", uuids(members))
        .bind("codes", codes.toArray(String[]::new)).bind("start", fromIndex).bind("end", toIndex)
        .map(r -> new Presence(new MemberId(r.get("member_id", UUID.class)), r.get("code", String.class), r.get("ym", Integer.class),
            r.get("present", Boolean.class)))
        .all()
        .collect(HashMap::new, (out, p) -> out.computeIfAbsent(p.member(), k -> new HashMap<>())
            .computeIfAbsent(p.code(), k -> new HashMap<>()).put(p.monthIndex(), p.present()));
  }

  private record Presence(MemberId member, String code, int monthIndex, Boolean present) {}

  /**
   * One page of a board's scores: the signed total over months of a year of the {@code limit} scored members after
   * {@code after} (member-id order; null: from the first) under an organization (path prefix); members without entries
   * score 0. Deductions count against; entries awaiting approval do not count. The entries are bounded by the page's
   * member range too: PostgreSQL then reads just the page's entries through the (tenant, member, year, month) index,
   * where it would otherwise scan the whole year's ledger once per page (1.6 s against 0.16 s per 10,000 members).
   */
  static Flux<RankingBoards.Score> signedTotalsPage(TenantTx tx, String pathPrefix, int year, int fromMonth, int toMonth, MemberId after,
      int limit) {
    return tx.sql("""
            with page as (
              select member_id from member
              where tenant_id = :t and status = 'ACTIVE' and not exempt and member_id > :after
                and branch_id in (select org_id from organization where tenant_id = :t and path like :prefix || '%')
              order by member_id limit :limit)
            select p.member_id, coalesce(sum(case when e.kind = 'DEDUCTION' then -e.points else e.points end), 0) as score
            from page p
            left join ledger_entry e on e.tenant_id = :t and e.member_id = p.member_id
              and e.member_id > :after and e.member_id <= (select member_id from page order by member_id desc limit 1)
              and e.year = :y and e.month between :from and :to and """ + LedgerEntry.COUNTS + """
            group by p.member_id
            order by p.member_id""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("from", fromMonth).bind("to", toMonth).bind("prefix", pathPrefix)
        .bind("after", after == null ? new UUID(0, 0) : after.value()).bind("limit", limit)
        .map(r -> new RankingBoards.Score(new MemberId(r.get("member_id", UUID.class)), r.get("score", BigDecimal.class))).all();
  }

  // ---------------------------------------------------------------- branch_attendance

  /** One revision of a branch's month of organizational life or dues: who was expected, who was absent. */
  record AttendanceRecord(BranchId branch, YearMonth period, String item, LocalDate heldOn, String note, List<MemberId> expected,
      List<MemberId> absent, String recordedBy) {}

  /** Adds the next revision of the record (the first is 1). */
  static Mono<Long> insertAttendance(TenantTx tx, AttendanceRecord a, Instant recordedAt) {
    var insert = month(tx.sql("insert into branch_attendance (tenant_id, branch_id, year, month, item, revision, held_on, note, expected, "
            + "absent, recorded_by, recorded_at) select :t, :b, :y, :m, :item, coalesce(max(revision), 0) + 1, :held, :note, :expected, "
            + ":absent, :by, :at from branch_attendance where tenant_id = :t and branch_id = :b and year = :y and month = :m "
            + "and item = :item"), tx.tenant(), a.branch(), a.period())
        .bind("item", a.item()).bind("expected", uuids(a.expected())).bind("absent", uuids(a.absent()))
        .bind("by", a.recordedBy()).bind("at", recordedAt);
    insert = Sql.bind(insert, "held", a.heldOn(), LocalDate.class);
    insert = Sql.bind(insert, "note", a.note(), String.class);
    return insert.fetch().rowsUpdated();
  }

  record AttendanceRevision(int revision, LocalDate heldOn, String note, List<MemberId> expected, List<MemberId> absent,
      String recordedBy) {}

  static Mono<AttendanceRevision> latestAttendance(TenantTx tx, BranchId branch, YearMonth period, String item) {
    return month(tx.sql("select * from branch_attendance where tenant_id = :t and branch_id = :b and year = :y and month = :m "
            + "and item = :item order by revision desc limit 1"), tx.tenant(), branch, period)
        .bind("item", item)
        .map(r -> new AttendanceRevision(r.get("revision", Integer.class), r.get("held_on", LocalDate.class),
            r.get("note", String.class), memberIds(r, "expected"), memberIds(r, "absent"),
            r.get("recorded_by", String.class)))
        .one();
  }

  /** A branch month's latest attendance revision, by month index (year × 12 + month − 1). */
  record AttendanceMonth(int monthIndex, String item, List<MemberId> expected, List<MemberId> absent) {}

  /** The latest revision of every record naming one of the members between two month indexes. */
  static Mono<List<AttendanceMonth>> attendanceBetween(TenantTx tx, List<MemberId> members, int fromIndex, int toIndex) {
    return tx.sql("select distinct on (branch_id, year, month, item) year * 12 + month - 1 as ym, item, expected, absent "
            + "from branch_attendance where tenant_id = :t and expected && :members and year * 12 + month - 1 between :start and :end "
            + "order by branch_id, year, month, item, revision desc")
        .bind("t", tx.tenant().value()).bind("members", uuids(members)).bind("start", fromIndex).bind("end", toIndex)
        .map(r -> new AttendanceMonth(r.get("ym", Integer.class), r.get("item", String.class),
            memberIds(r, "expected"), memberIds(r, "absent")))
        .all().collectList();
  }

  // ---------------------------------------------------------------- entry_review

  /** Entries of a branch's year that needed approval, in one review status, by month and time. */
  static Mono<List<LedgerEntry>> awaitingReview(TenantTx tx, BranchId branch, int year, LedgerEntry.ReviewStatus status) {
    return tx.sql(ENTRY + " where e.tenant_id = :t and e.branch_id = :b and e.year = :y and e.needs_review "
            + "and e.reverses is null and coalesce(r.decision, 'PENDING') = :s order by e.month, e.recorded_at")
        .bind("t", tx.tenant().value()).bind("b", branch.value()).bind("y", year).bind("s", status.name())
        .map(LedgerQueries::entryRow).all().collectList();
  }

  /** One decision per entry, written once: a second one is a conflict. */
  static Mono<Long> insertReview(TenantTx tx, EntryId entry, LedgerEntry.ReviewStatus decision, String reason, String actor,
      Instant decidedAt) {
    return Sql.bind(tx.sql("insert into entry_review (tenant_id, entry_id, decision, reason, decided_by, decided_at) "
                + "values (:t, :id, :d, :r, :by, :at)")
            .bind("t", tx.tenant().value()).bind("id", entry.value()).bind("d", decision.name()).bind("by", actor)
            .bind("at", decidedAt), "r", reason, String.class)
        .fetch().rowsUpdated()
        .onErrorMap(DuplicateKeyException.class, x -> DomainException.conflict("ALREADY_REVIEWED", "该记录已被审核，请刷新", Map.of()));
  }

  // ---------------------------------------------------------------- evidence

  static Mono<Long> evidenceBytesOfMonth(TenantTx tx, MemberId member, YearMonth period) {
    return tx.sql("select coalesce(sum(e.size_bytes), 0)::bigint as used from evidence e where e.tenant_id = :t and e.evidence_id in "
            + "(select l.evidence_id from ledger_entry l where l.tenant_id = :t and l.member_id = :m and l.year = :y and l.month = :mo)")
        .bind("t", tx.tenant().value()).bind("m", member.value()).bind("y", period.getYear()).bind("mo", period.getMonthValue())
        .map(r -> r.get("used", Long.class)).one();
  }

  static Mono<EvidenceId> insertEvidence(TenantTx tx, EvidenceId id, EvidenceUploads.Upload upload, String actor, Instant uploadedAt) {
    var spec = tx.sql("insert into evidence (tenant_id, evidence_id, note, file_name, media_type, size_bytes, sha256, content, uploaded_by, "
            + "uploaded_at) values (:t, :id, :note, :name, :type, :size, :sha, :content, :by, :at)")
        .bind("t", tx.tenant().value()).bind("id", id.value()).bind("by", actor).bind("at", uploadedAt);
    byte[] content = upload.content();
    spec = Sql.bind(spec, "note", upload.note(), String.class);
    spec = Sql.bind(spec, "name", upload.fileName(), String.class);
    spec = Sql.bind(spec, "type", upload.mediaType(), String.class);
    spec = Sql.bind(spec, "size", content == null ? null : content.length, Integer.class);
    spec = Sql.bind(spec, "sha", content == null ? null : com.jifen.shared.Hashes.sha256(content), String.class);
    spec = Sql.bind(spec, "content", content == null ? null : ByteBuffer.wrap(content), ByteBuffer.class);
    return spec.fetch().rowsUpdated().thenReturn(id);
  }

  static Mono<Map<EvidenceId, Evidence>> evidence(TenantTx tx, Collection<EvidenceId> ids, boolean withContent) {
    return tx.sql("select " + (withContent ? "*" : "tenant_id, evidence_id, note, file_name, media_type, "
            + "size_bytes, sha256, uploaded_by, uploaded_at") + " from evidence where tenant_id = :t and evidence_id = any(:ids)")
        .bind("t", tx.tenant().value()).bind("ids", uuids(ids))
        .map(r -> evidence(r, withContent)).all()
        .collectMap(Evidence::id, Function.identity());
  }

  static Mono<MemberId> memberOfEvidence(TenantTx tx, EvidenceId evidenceId) {
    return tx.sql("select member_id from ledger_entry where tenant_id = :t and evidence_id = :e limit 1")
        .bind("t", tx.tenant().value()).bind("e", evidenceId.value()).map(r -> new MemberId(r.get("member_id", UUID.class))).one();
  }

  // ---------------------------------------------------------------- row mapping

  /** Binds a branch month's key: :t, :b, :y, :m. */
  private static GenericExecuteSpec month(GenericExecuteSpec spec, TenantId tenant, BranchId branch, YearMonth period) {
    return spec.bind("t", tenant.value()).bind("b", branch.value()).bind("y", period.getYear()).bind("m", period.getMonthValue());
  }

  static final String ENTRY = """
      select e.*, (e.reverses is not null or (s.published_at is not null and e.recorded_at > s.published_at)) as correction,
        r.decision as review_decision, r.reason as review_reason, r.decided_by as review_by, r.decided_at as review_at
      from ledger_entry e
      left join month_sheet s on s.tenant_id = e.tenant_id and s.branch_id = e.branch_id and s.year = e.year and s.month = e.month
      left join entry_review r on r.tenant_id = e.tenant_id and r.entry_id = coalesce(e.reverses, e.entry_id)
      """;

  private static LedgerEntry entryRow(Readable r) {
    boolean needsReview = Boolean.TRUE.equals(r.get("needs_review", Boolean.class));
    UUID reverses = r.get("reverses", UUID.class);
    return new LedgerEntry(
        new TenantId(r.get("tenant_id", String.class)),
        new EntryId(r.get("entry_id", UUID.class)),
        new MemberId(r.get("member_id", UUID.class)),
        new BranchId(r.get("branch_id", UUID.class)),
        r.get("year", Integer.class),
        r.get("month", Integer.class),
        LedgerEntry.Kind.valueOf(r.get("kind", String.class)),
        r.get("code", String.class),
        r.get("points", BigDecimal.class),
        r.get("self_points", BigDecimal.class),
        reverses == null ? null : new EntryId(reverses),
        r.get("reason", String.class),
        r.get("occurred_on", LocalDate.class),
        evidenceId(r),
        r.get("scheme_code", String.class),
        r.get("scheme_version", Integer.class),
        r.get("actor", String.class),
        r.get("recorded_at", OffsetDateTime.class).toInstant(),
        Boolean.TRUE.equals(r.get("correction", Boolean.class)),
        needsReview,
        needsReview ? review(r) : null);
  }

  private static LedgerEntry.Review review(Readable r) {
    String decision = r.get("review_decision", String.class);
    if (decision == null) {
      return new LedgerEntry.Review(LedgerEntry.ReviewStatus.PENDING, null, null, null);
    }
    return new LedgerEntry.Review(LedgerEntry.ReviewStatus.valueOf(decision), r.get("review_reason", String.class), r.get("review_by", String.class),
        r.get("review_at", OffsetDateTime.class).toInstant());
  }

  private static EvidenceId evidenceId(Readable r) {
    UUID id = r.get("evidence_id", UUID.class);
    return id == null ? null : new EvidenceId(id);
  }

  private static Evidence evidence(Readable r, boolean withContent) {
    byte[] content = withContent ? r.get("content", byte[].class) : null;
    String mediaType = r.get("media_type", String.class);
    String fileName = r.get("file_name", String.class);
    return new Evidence(new TenantId(r.get("tenant_id", String.class)), evidenceId(r),
        r.get("note", String.class), fileName == null ? null : EvidenceUploads.safeName(fileName, mediaType), mediaType,
        r.get("size_bytes", Integer.class), r.get("sha256", String.class), r.get("uploaded_by", String.class),
        r.get("uploaded_at", OffsetDateTime.class).toInstant(),
        content == null ? null : java.util.Base64.getEncoder().encodeToString(content));
  }

  /** A uuid[] column of member ids. */
  private static List<MemberId> memberIds(Readable r, String column) {
    return Arrays.stream(r.get(column, UUID[].class)).map(MemberId::new).toList();
  }
}
