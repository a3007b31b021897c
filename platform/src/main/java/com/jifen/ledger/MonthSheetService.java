package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A branch's month (党员积分卡的月度评分): the secretary fills the grid as drafts, members self-assess, the
 * secretary confirms (the drafts are posted into the ledger), the township publishes (公示).
 */
@Service
public class MonthSheetService {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final Idempotency idempotency;
  private final RankingService rankings;
  private final Clock clock = Clock.systemDefaultZone();

  MonthSheetService(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      Idempotency idempotency, RankingService rankings) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.idempotency = idempotency;
    this.rankings = rankings;
  }

  private static final String MANAGE_BRANCH = "只有本支部书记或乡镇管理员可以操作该支部的积分";

  public record SheetItem(String code, String name, BigDecimal min, BigDecimal max) {}

  public record SheetCell(String item, BigDecimal draft, BigDecimal selfAssessed, BigDecimal confirmed, int version, String updatedBy) {}

  public record SheetRow(Member member, List<SheetCell> cells) {}

  public record MonthSheet(
      Organization branch, int year, int month, Sheets.State state, String schemeCode, Integer schemeVersion,
      List<SheetItem> items, List<SheetRow> rows) {}

  public record DraftCellInput(String memberId, String item, BigDecimal points, Integer version) {}

  public record SaveMonthDraftInput(String branchId, int year, int month, List<DraftCellInput> cells) {}

  /** Where a month sheet is; the sheet itself is loaded only when a client asks for it. */
  public record SheetRef(TenantId tenant, UUID branchId, int year, int month) {}

  public record SaveResult(SheetRef ref, int saved) {}

  /** cells: the final grid, confirmed at once without a draft round; absent, the saved drafts are confirmed. */
  public record ConfirmMonthInput(String branchId, int year, int month, String idempotencyKey, List<DraftCellInput> cells) {}

  public record ConfirmResult(int posted, SheetRef ref) {}

  public Mono<MonthSheet> load(SheetRef ref) {
    return scope.mono(ref.tenant(), db -> load(db, ref.tenant(), ref.branchId(), ref.year(), ref.month()));
  }

  public record SelfAssessItemInput(String item, BigDecimal points) {}

  public record SelfAssessInput(int year, int month, List<SelfAssessItemInput> items) {}

  /** The scheme a branch's month is scored with, and its monthly items. */
  record SheetScheme(Optional<SchemeService.Pinned> pinned, List<Scheme.Item> items) {}

  // ---------------------------------------------------------------- reading

  public Mono<MonthSheet> sheet(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    Sheets.period(year, month, LocalDate.now(clock));
    return scope.mono(tenant, db -> members.requireManages(db, user, branch, MANAGE_BRANCH).then(load(db, tenant, branch, year, month)));
  }

  Mono<SheetScheme> scheme(DatabaseClient db, TenantId tenant, Organization branch, List<Member> scored, int year) {
    var category = branch.scoringCategory(scored);
    if (category.isEmpty()) {
      return Mono.just(new SheetScheme(Optional.empty(), List.of()));
    }
    return schemes.pinnedEngine(db, tenant, year, category.get().name()).map(p -> new SheetScheme(Optional.of(p),
        p.engine().scheme().items().stream().filter(i -> i.frequency() == Scheme.Frequency.MONTHLY).toList()));
  }

  Mono<MonthSheet> load(DatabaseClient db, TenantId tenant, UUID branchId, int year, int month) {
    return organizations.find(db, tenant, branchId).flatMap(branch -> members.inBranch(db, tenant, branchId)
        .filter(Member::scored).collectList()
        .flatMap(scored -> Mono.zip(
                Sheets.state(db, tenant, branchId, year, month),
                scheme(db, tenant, branch, scored, year),
                drafts(db, tenant, branchId, year, month),
                confirmed(db, tenant, branchId, year, month))
            .map(t -> {
              List<SheetRow> rows = new ArrayList<>();
              for (Member m : scored) {
                List<SheetCell> cells = new ArrayList<>();
                for (Scheme.Item item : t.getT2().items()) {
                  Draft d = t.getT3().get(m.id() + "/" + item.code());
                  BigDecimal c = t.getT4().get(m.id() + "/" + item.code());
                  cells.add(new SheetCell(item.code(), d == null ? null : d.points(), d == null ? null : d.selfPoints(),
                      c, d == null ? 0 : d.version(), d == null ? null : d.updatedBy()));
                }
                rows.add(new SheetRow(m, cells));
              }
              var pinned = t.getT2().pinned();
              return new MonthSheet(branch, year, month, t.getT1(), pinned.map(SchemeService.Pinned::schemeCode).orElse(null),
                  pinned.map(SchemeService.Pinned::version).orElse(null),
                  t.getT2().items().stream().map(i -> new SheetItem(i.code(), i.name(), i.min(), i.max())).toList(), rows);
            })));
  }

  record Draft(BigDecimal points, BigDecimal selfPoints, int version, String updatedBy) {}

  private Mono<Map<String, Draft>> drafts(DatabaseClient db, TenantId tenant, UUID branch, int year, int month) {
    return db.sql("select member_id, item_code, points, self_points, version, updated_by from draft_cell "
            + "where tenant_id = :t and branch_id = :b and year = :y and month = :m")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month)
        .map(r -> Map.entry(r.get("member_id", UUID.class) + "/" + r.get("item_code", String.class),
            new Draft(r.get("points", BigDecimal.class), r.get("self_points", BigDecimal.class),
                r.get("version", Integer.class), r.get("updated_by", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Effective ledger value of each item: the sum of its entries, reversals included. */
  private Mono<Map<String, BigDecimal>> confirmed(DatabaseClient db, TenantId tenant, UUID branch, int year, int month) {
    return db.sql("select member_id, code, sum(points) as points from ledger_entry where tenant_id = :t and branch_id = :b "
            + "and year = :y and month = :m and kind = 'ITEM_SCORE' group by member_id, code")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month)
        .map(r -> Map.entry(r.get("member_id", UUID.class) + "/" + r.get("code", String.class), r.get("points", BigDecimal.class)))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  // ---------------------------------------------------------------- drafts

  public Mono<SaveResult> saveDraft(CurrentUser user, SaveMonthDraftInput in) {
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    YearMonth period = Sheets.period(in.year(), in.month(), LocalDate.now(clock));
    if (in.cells() == null || in.cells().isEmpty()) {
      throw DomainException.badRequest("NO_CELLS", "没有要保存的评分");
    }
    return scope.mono(tenant, db -> members.requireManages(db, user, branchId, MANAGE_BRANCH)
        .then(Sheets.lock(db, tenant, branchId, in.year(), in.month()))
        .flatMap(state -> {
          Sheets.requireOpen(state, period);
          return load(db, tenant, branchId, in.year(), in.month());
        })
        .flatMap(sheet -> {
          List<DraftCellInput> cells = validated(sheet, in.cells());
          return db.sql("insert into draft_cell (tenant_id, branch_id, year, month, member_id, item_code, points, updated_by) "
                  + "select :t, :b, :y, :m, * , :by from unnest(:members::uuid[], :items::text[], :points::numeric[]) "
                  + "on conflict (tenant_id, branch_id, year, month, member_id, item_code) do update set "
                  + "points = excluded.points, version = draft_cell.version + 1, updated_by = excluded.updated_by, updated_at = now()")
              .bind("t", tenant.value()).bind("b", branchId).bind("y", in.year()).bind("m", in.month())
              .bind("by", user.username())
              .bind("members", cells.stream().map(c -> UUID.fromString(c.memberId())).toArray(UUID[]::new))
              .bind("items", cells.stream().map(DraftCellInput::item).toArray(String[]::new))
              .bind("points", cells.stream().map(DraftCellInput::points).toArray(BigDecimal[]::new))
              .fetch().rowsUpdated()
              .thenReturn(new SaveResult(new SheetRef(tenant, branchId, in.year(), in.month()), cells.size()));
        }));
  }

  /**
   * The rules every grid write obeys, whether it saves drafts or confirms at once: each cell in the sheet, in
   * range, once; and each at the version the writer read, so a colleague's change is never overwritten.
   */
  private static List<DraftCellInput> validated(MonthSheet sheet, List<DraftCellInput> input) {
    Map<UUID, Member> scored = new HashMap<>();
    sheet.rows().forEach(r -> scored.put(r.member().id(), r.member()));
    Map<String, SheetItem> items = new LinkedHashMap<>();
    sheet.items().forEach(i -> items.put(i.code(), i));
    Map<String, SheetCell> current = new HashMap<>();
    sheet.rows().forEach(r -> r.cells().forEach(c -> current.put(r.member().id() + "/" + c.item(), c)));
    List<Map<String, Object>> problems = new ArrayList<>();
    List<Map<String, Object>> conflicts = new ArrayList<>();
    Map<String, DraftCellInput> unique = new LinkedHashMap<>();
    for (int i = 0; i < input.size(); i++) {
      DraftCellInput c = input.get(i);
      UUID memberId = Ids.parse("党员", c.memberId());
      SheetItem item = items.get(c.item());
      String problem = null;
      if (!scored.containsKey(memberId)) {
        problem = "该党员不在本支部的计分名单中（可能已转出、离开或不列入积分管理）";
      } else if (item == null) {
        problem = "方案 %s 中没有月度项目 %s".formatted(sheet.schemeCode(), c.item());
      } else if (c.points() == null || c.points().compareTo(item.min()) < 0 || c.points().compareTo(item.max()) > 0) {
        problem = "“%s”每月得分须在 %s–%s 之间，填写的是 %s".formatted(item.name(), item.min().toPlainString(),
            item.max().toPlainString(), c.points() == null ? "空" : c.points().toPlainString());
      } else if (c.points().stripTrailingZeros().scale() > 2) {
        problem = "分值最多两位小数: " + c.points().toPlainString();
      } else if (unique.put(memberId + "/" + c.item(), c) != null) {
        problem = "同一格重复填写";
      }
      if (problem != null) {
        problems.add(Map.of("index", i, "memberId", c.memberId(), "item", String.valueOf(c.item()), "message", problem));
        continue;
      }
      SheetCell now = current.get(memberId + "/" + c.item());
      int expected = c.version() == null ? 0 : c.version();
      if (now.version() != expected) {
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("memberId", c.memberId());
        conflict.put("item", c.item());
        conflict.put("currentPoints", now.draft() == null ? null : now.draft().toPlainString());
        conflict.put("currentVersion", now.version());
        conflict.put("updatedBy", now.updatedBy());
        conflicts.add(conflict);
      }
    }
    if (!problems.isEmpty()) {
      throw new DomainException(ErrorKind.BAD_REQUEST, "INVALID_CELLS",
          "有 %d 格评分不符合方案，均未保存: %s".formatted(problems.size(), problems.getFirst().get("message")),
          Map.of("cells", problems));
    }
    if (!conflicts.isEmpty()) {
      throw DomainException.conflict("CELL_CHANGED",
          "有 %d 格已被他人修改，均未保存；请核对当前值后重试".formatted(conflicts.size()), Map.of("cells", conflicts));
    }
    return List.copyOf(unique.values());
  }

  public Mono<Integer> selfAssess(CurrentUser user, SelfAssessInput in) {
    TenantId tenant = user.requireTenant();
    String code = user.memberCode().orElseThrow(() -> DomainException.forbidden("该账号未关联党员档案，不能自评"));
    YearMonth period = Sheets.period(in.year(), in.month(), LocalDate.now(clock));
    if (in.items() == null || in.items().isEmpty()) {
      throw DomainException.badRequest("NO_CELLS", "没有要保存的自评分");
    }
    return members.getByCode(user, code)
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", code)))
        .flatMap(me -> scope.mono(tenant, db -> {
          Sheets.requireScored(me);
          return Sheets.lock(db, tenant, me.branchId(), in.year(), in.month()).flatMap(state -> {
            Sheets.requireOpen(state, period);
            return schemes.pinnedEngine(db, tenant, in.year(), me.category().name());
          }).flatMap(pinned -> {
            Map<String, Scheme.Item> items = new HashMap<>();
            pinned.engine().scheme().items().stream().filter(i -> i.frequency() == Scheme.Frequency.MONTHLY)
                .forEach(i -> items.put(i.code(), i));
            for (SelfAssessItemInput i : in.items()) {
              Scheme.Item item = items.get(i.item());
              if (item == null) {
                return Mono.error(DomainException.badRequest("UNKNOWN_ITEM", "方案中没有月度项目 " + i.item()));
              }
              if (i.points() == null || i.points().compareTo(item.min()) < 0 || i.points().compareTo(item.max()) > 0) {
                return Mono.error(DomainException.badRequest("OUT_OF_RANGE", "“%s”每月得分须在 %s–%s 之间"
                    .formatted(item.name(), item.min().toPlainString(), item.max().toPlainString())));
              }
            }
            return db.sql("insert into draft_cell (tenant_id, branch_id, year, month, member_id, item_code, self_points, self_at, updated_by) "
                    + "select :t, :b, :y, :m, :member, item, points, now(), :by from unnest(:items::text[], :points::numeric[]) as u(item, points) "
                    + "on conflict (tenant_id, branch_id, year, month, member_id, item_code) do update set "
                    + "self_points = excluded.self_points, self_at = now(), version = draft_cell.version + 1")
                .bind("t", tenant.value()).bind("b", me.branchId()).bind("y", in.year()).bind("m", in.month())
                .bind("member", me.id()).bind("by", user.username())
                .bind("items", in.items().stream().map(SelfAssessItemInput::item).toArray(String[]::new))
                .bind("points", in.items().stream().map(SelfAssessItemInput::points).toArray(BigDecimal[]::new))
                .fetch().rowsUpdated().map(Long::intValue);
          });
        }));
  }

  // ---------------------------------------------------------------- confirmation

  public Mono<ConfirmResult> confirm(CurrentUser user, ConfirmMonthInput in) {
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    YearMonth period = Sheets.period(in.year(), in.month(), LocalDate.now(clock));
    StringBuilder canonical = new StringBuilder(branchId + "|" + in.year() + "|" + in.month());
    if (in.cells() != null) {
      in.cells().forEach(c -> canonical.append('|').append(c.memberId()).append(':').append(c.item()).append(':')
          .append(EntryService.plain(c.points())).append(':').append(c.version()));
    }
    return idempotency.run(tenant, in.idempotencyKey(), "confirmMonth", canonical.toString(), user.username(),
        db -> members.requireManages(db, user, branchId, MANAGE_BRANCH)
            .then(Sheets.lock(db, tenant, branchId, in.year(), in.month()))
            .flatMap(state -> {
              Sheets.requireOpen(state, period);
              return load(db, tenant, branchId, in.year(), in.month());
            })
            .map(sheet -> in.cells() == null ? sheet : withCells(sheet, validated(sheet, in.cells())))
            .flatMap(sheet -> post(db, tenant, user, sheet)
                .map(posted -> Map.<String, Object>of("posted", posted, "branchPath", sheet.branch().path()))),
        response -> rankings.invalidate(tenant, branchId, (String) response.get("branchPath"), in.year(), in.month())
            .thenReturn(new ConfirmResult(((Number) response.get("posted")).intValue(),
                new SheetRef(tenant, branchId, in.year(), in.month()))));
  }

  /** The sheet as it would be with these cells saved: what confirming a grid at once posts. */
  private static MonthSheet withCells(MonthSheet sheet, List<DraftCellInput> cells) {
    Map<String, BigDecimal> given = new HashMap<>();
    cells.forEach(c -> given.put(c.memberId() + "/" + c.item(), c.points()));
    List<SheetRow> rows = sheet.rows().stream().map(r -> new SheetRow(r.member(), r.cells().stream()
        .map(c -> {
          BigDecimal points = given.get(r.member().id() + "/" + c.item());
          return points == null ? c : new SheetCell(c.item(), points, c.selfAssessed(), c.confirmed(), c.version(), c.updatedBy());
        }).toList())).toList();
    return new MonthSheet(sheet.branch(), sheet.year(), sheet.month(), sheet.state(), sheet.schemeCode(), sheet.schemeVersion(),
        sheet.items(), rows);
  }

  private Mono<Integer> post(DatabaseClient db, TenantId tenant, CurrentUser user, MonthSheet sheet) {
    List<String> missing = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (SheetRow row : sheet.rows()) {
      for (SheetCell cell : row.cells()) {
        if (cell.draft() == null) {
          missing.add(row.member().name() + "·" + cell.item());
        } else if (cell.confirmed() == null) {
          rows.add(new Object[] {Ids.newId(), row.member().id(), cell.item(), cell.draft(), cell.selfAssessed()});
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new DomainException(ErrorKind.BAD_REQUEST, "INCOMPLETE_MONTH",
          "还有 %d 格未评分，不能确认（如 %s）".formatted(missing.size(), missing.getFirst()), Map.of("missing", missing));
    }
    Mono<Long> inserted = rows.isEmpty() ? Mono.just(0L)
        : db.sql("insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, "
                + "self_points, reason, scheme_code, scheme_version, actor) "
                + "select :t, u.id, u.member, :b, :y, :m, 'ITEM_SCORE', u.item, u.points, u.self, '月度评分', :sc, :sv, :actor "
                + "from unnest(:ids::uuid[], :members::uuid[], :items::text[], :points::numeric[], :selfs::numeric[]) "
                + "as u(id, member, item, points, self)")
            .bind("t", tenant.value()).bind("b", sheet.branch().id()).bind("y", sheet.year()).bind("m", sheet.month())
            .bind("sc", sheet.schemeCode()).bind("sv", sheet.schemeVersion()).bind("actor", user.username())
            .bind("ids", rows.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new))
            .bind("members", rows.stream().map(r -> (UUID) r[1]).toArray(UUID[]::new))
            .bind("items", rows.stream().map(r -> (String) r[2]).toArray(String[]::new))
            .bind("points", rows.stream().map(r -> (BigDecimal) r[3]).toArray(BigDecimal[]::new))
            .bind("selfs", rows.stream().map(r -> (BigDecimal) r[4]).toArray(BigDecimal[]::new))
            .fetch().rowsUpdated();
    return inserted.flatMap(n -> db.sql("update month_sheet set state = 'CONFIRMED', confirmed_at = now(), confirmed_by = :by, "
                + "version = version + 1 where tenant_id = :t and branch_id = :b and year = :y and month = :m")
            .bind("by", user.username()).bind("t", tenant.value()).bind("b", sheet.branch().id())
            .bind("y", sheet.year()).bind("m", sheet.month())
            .fetch().rowsUpdated().thenReturn(n.intValue()));
  }

  // ---------------------------------------------------------------- XLSX (党员积分登记表)

  public Mono<com.jifen.shared.Xlsx.File> exportMonth(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return sheet(user, branchId, year, month).flatMap(sheet -> scope.mono(tenant, db -> monthTotals(db, tenant, branch, year, month))
        .map(totals -> {
          List<String> headers = new ArrayList<>(List.of(MonthSheetXlsx.NO, MonthSheetXlsx.CODE, MonthSheetXlsx.NAME));
          sheet.items().forEach(i -> headers.add(i.name()));
          headers.addAll(List.of("加分", "扣分", "合计"));
          List<List<Object>> rows = new ArrayList<>();
          int no = 1;
          for (SheetRow r : sheet.rows()) {
            List<Object> row = new ArrayList<>(List.of(no++, r.member().code(), r.member().name()));
            BigDecimal items = BigDecimal.ZERO;
            for (SheetCell c : r.cells()) {
              BigDecimal v = c.confirmed() != null ? c.confirmed() : c.draft();
              row.add(v);
              items = items.add(v == null ? BigDecimal.ZERO : v);
            }
            BigDecimal[] t = totals.getOrDefault(r.member().id(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            row.add(t[1]);
            row.add(t[2]);
            row.add(items.add(t[1]).subtract(t[2]));
            rows.add(row);
          }
          String title = "%s %d年%d月 党员积分登记表".formatted(sheet.branch().name(), year, month);
          return com.jifen.shared.Xlsx.File.xlsx("%s-%d-%02d.xlsx".formatted(sheet.branch().code(), year, month),
              com.jifen.shared.Xlsx.write(title, headers, rows));
        }));
  }

  public record ImportMonthSheetInput(String branchId, int year, int month, String contentBase64) {}

  public record ImportMonthSheetPayload(int saved, List<com.jifen.organization.RosterImportService.RowError> errors) {}

  /** Reads a filled registration form into drafts; cells are checked by the same rules as saveDraft. */
  public Mono<ImportMonthSheetPayload> importMonth(CurrentUser user, ImportMonthSheetInput in) {
    byte[] bytes;
    try {
      bytes = java.util.Base64.getMimeDecoder().decode(in.contentBase64());
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("INVALID_BASE64", "XLSX 内容须为 Base64 编码");
    }
    List<MonthSheetXlsx.Line> lines = MonthSheetXlsx.read(bytes);
    return sheet(user, in.branchId(), in.year(), in.month()).flatMap(sheet -> {
      Map<String, SheetRow> byCode = new HashMap<>();
      sheet.rows().forEach(r -> byCode.put(r.member().code(), r));
      List<com.jifen.organization.RosterImportService.RowError> errors = new ArrayList<>();
      List<DraftCellInput> cells = new ArrayList<>();
      List<String[]> origin = new ArrayList<>(); // row and column of each cell, to name a refused one
      for (MonthSheetXlsx.Line line : lines) {
        SheetRow row = byCode.get(line.code());
        if (row == null) {
          errors.add(new com.jifen.organization.RosterImportService.RowError(line.row(), MonthSheetXlsx.CODE,
              "编号 %s 不在本支部本月的计分名单中".formatted(line.code()), "NOT_IN_SHEET"));
          continue;
        }
        for (int i = 0; i < sheet.items().size(); i++) {
          SheetItem item = sheet.items().get(i);
          String text = line.cells().getOrDefault(item.name(), "");
          if (text.isBlank()) {
            continue;
          }
          BigDecimal points;
          try {
            points = new BigDecimal(text);
          } catch (NumberFormatException e) {
            errors.add(new com.jifen.organization.RosterImportService.RowError(line.row(), item.name(),
                "应为数字: " + text, "NOT_A_NUMBER"));
            continue;
          }
          cells.add(new DraftCellInput(row.member().id().toString(), item.code(), points, row.cells().get(i).version()));
          origin.add(new String[] {String.valueOf(line.row()), item.name()});
        }
      }
      if (!errors.isEmpty()) {
        return Mono.just(new ImportMonthSheetPayload(0, errors));
      }
      if (cells.isEmpty()) {
        return Mono.just(new ImportMonthSheetPayload(0, List.of(new com.jifen.organization.RosterImportService.RowError(
            3, null, "表中没有评分", "EMPTY_SHEET"))));
      }
      return saveDraft(user, new SaveMonthDraftInput(in.branchId(), in.year(), in.month(), cells))
          .map(saved -> new ImportMonthSheetPayload(saved.saved(), List.of()))
          .onErrorResume(DomainException.class, e -> {
            if (!"INVALID_CELLS".equals(e.code())) {
              return Mono.error(e);
            }
            @SuppressWarnings("unchecked")
            var problems = (List<Map<String, Object>>) e.details().get("cells");
            return Mono.just(new ImportMonthSheetPayload(0, problems.stream().map(p -> {
              String[] at = origin.get((Integer) p.get("index"));
              return new com.jifen.organization.RosterImportService.RowError(Integer.parseInt(at[0]), at[1],
                  (String) p.get("message"), "INVALID_CELL");
            }).toList()));
          });
    });
  }

  // ---------------------------------------------------------------- publication (公示)

  public record PublishedCell(String item, BigDecimal points) {}

  public record PublishedRow(String memberCode, String memberName, List<PublishedCell> items, BigDecimal additions,
      BigDecimal deductions, BigDecimal total) {}

  public record PublishedSheet(Organization branch, int year, int month, java.time.Instant publishedAt, String publishedBy,
      List<PublishedRow> rows, List<LedgerEntry> corrections) {}

  public record PublishMonthInput(String branchId, int year, int month) {}

  public Mono<PublishedSheet> publish(CurrentUser user, PublishMonthInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    YearMonth period = Sheets.period(in.year(), in.month(), LocalDate.now(clock));
    return scope.mono(tenant, db -> Sheets.lock(db, tenant, branchId, in.year(), in.month()).flatMap(state -> {
      if (state == Sheets.State.OPEN) {
        return Mono.error(DomainException.badRequest("MONTH_NOT_CONFIRMED", period + " 的积分尚未确认，不能公示"));
      }
      if (state == Sheets.State.PUBLISHED) {
        return Mono.error(DomainException.badRequest("MONTH_PUBLISHED", period + " 的积分已公示"));
      }
      return load(db, tenant, branchId, in.year(), in.month()).flatMap(sheet -> monthTotals(db, tenant, branchId, in.year(), in.month())
          .flatMap(totals -> {
            List<PublishedRow> rows = new ArrayList<>();
            for (SheetRow r : sheet.rows()) {
              BigDecimal[] t = totals.getOrDefault(r.member().id(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
              rows.add(new PublishedRow(r.member().code(), r.member().name(),
                  r.cells().stream().map(c -> new PublishedCell(c.item(), c.confirmed())).toList(), t[1], t[2],
                  t[0].add(t[1]).subtract(t[2])));
            }
            return db.sql("insert into published_sheet (tenant_id, branch_id, year, month, published_at, published_by, snapshot) "
                    + "values (:t, :b, :y, :m, now(), :by, :snapshot)")
                .bind("t", tenant.value()).bind("b", branchId).bind("y", in.year()).bind("m", in.month())
                .bind("by", user.username())
                .bind("snapshot", io.r2dbc.postgresql.codec.Json.of(JSON.writeValueAsString(rows)))
                .fetch().rowsUpdated()
                .then(db.sql("update month_sheet set state = 'PUBLISHED', published_at = now(), published_by = :by, "
                        + "version = version + 1 where tenant_id = :t and branch_id = :b and year = :y and month = :m")
                    .bind("by", user.username()).bind("t", tenant.value()).bind("b", branchId).bind("y", in.year())
                    .bind("m", in.month()).fetch().rowsUpdated())
                .then(published(db, tenant, branchId, in.year(), in.month()));
          }));
    }));
  }

  /** Per member: [item scores, additions, deductions] of a branch month, reversals included. */
  private Mono<Map<UUID, BigDecimal[]>> monthTotals(DatabaseClient db, TenantId tenant, UUID branch, int year, int month) {
    return db.sql("select member_id, coalesce(sum(points) filter (where kind = 'ITEM_SCORE'), 0) as items, "
            + "coalesce(sum(points) filter (where kind = 'ADDITION'), 0) as additions, "
            + "coalesce(sum(points) filter (where kind = 'DEDUCTION'), 0) as deductions "
            + "from ledger_entry where tenant_id = :t and branch_id = :b and year = :y and month = :m group by member_id")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month)
        .map(r -> Map.entry(r.get("member_id", UUID.class), new BigDecimal[] {
            r.get("items", BigDecimal.class), r.get("additions", BigDecimal.class), r.get("deductions", BigDecimal.class)}))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The published sheet: anyone in the branch, its secretary and the township's admins may read it. */
  public Mono<PublishedSheet> published(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return scope.mono(tenant, db -> members.manages(db, user, branch)
        .flatMap(manages -> manages || user.memberCode().isEmpty() ? Mono.just(manages)
            : db.sql("select exists (select 1 from member where tenant_id = :t and code = :c and branch_id = :b) as ok")
                .bind("t", tenant.value()).bind("c", user.memberCode().get()).bind("b", branch)
                .map(r -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one())
        .flatMap(allowed -> allowed ? published(db, tenant, branch, year, month)
            : Mono.error(DomainException.forbidden("只有本支部党员可以查看本支部的公示"))));
  }

  /** The published sheet inside the caller's tenant transaction, without a reader check (the public board decides). */
  public Mono<PublishedSheet> published(DatabaseClient db, TenantId tenant, UUID branch, int year, int month) {
    return db.sql("select published_at, published_by, snapshot from published_sheet "
            + "where tenant_id = :t and branch_id = :b and year = :y and month = :m")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month)
        .map(r -> new Object[] {r.get("published_at", OffsetDateTime.class).toInstant(), r.get("published_by", String.class),
            r.get("snapshot", io.r2dbc.postgresql.codec.Json.class).asString()})
        .one()
        .flatMap(row -> Mono.zip(organizations.find(db, tenant, branch),
                db.sql(LedgerEntry.SELECT + " where e.tenant_id = :t and e.branch_id = :b and e.year = :y and e.month = :m "
                        + "and e.recorded_at > :at order by e.recorded_at")
                    .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month)
                    .bind("at", ((java.time.Instant) row[0]).atOffset(java.time.ZoneOffset.UTC))
                    .map(LedgerEntry::read).all().collectList())
            .map(t -> new PublishedSheet(t.getT1(), year, month, (java.time.Instant) row[0], (String) row[1],
                List.of(JSON.readValue((String) row[2], PublishedRow[].class)), t.getT2())));
  }
}
