package com.jifen.ballot;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.shared.Tuples;
import com.jifen.tenancy.TenantScope;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 民主测评: a branch secretary opens a ballot with the year's pinned ballot form and a number of raters; the
 * platform issues random single-use codes (returned once, stored only as salted hashes); raters vote with a
 * code alone; results exist only when the minimum number of raters has voted.
 */
@Service
public class BallotService {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Crockford base32 without I, L, O, U: nothing a rater could misread on paper. */
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int MAX_CODES = 2_000;

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final BallotCodeHash codeHash;

  BallotService(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      BallotCodeHash codeHash) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.codeHash = codeHash;
  }

  public record Ballot(TenantId tenantId, UUID id, UUID branchId, int year, String schemeCode, int schemeVersion,
      String form, int minRaters, int codesIssued, int votes, String state, String openedBy, Instant openedAt, Instant closedAt,
      Integer memberRaters) {
    /** The codes that went to mass representatives, when the scheme sizes the ballot by its members. */
    public Integer massRepresentatives() {
      return memberRaters == null ? null : codesIssued - memberRaters;
    }
  }

  public record RaterGroupCountInput(String group, int raters) {}

  public record OpenBallotInput(String branchId, int year, Integer raters, Integer massRepresentatives, List<RaterGroupCountInput> groups) {}

  public record IssuedCode(String code, String group) {}

  public record Opened(Ballot ballot, List<IssuedCode> codes, com.jifen.shared.Xlsx.File sheet) {}

  public record Subject(UUID id, String code, String name) {}

  public record Option(String code, String name, BigDecimal points) {}

  public record Item(String code, String name, BigDecimal min, BigDecimal max) {}

  public record Form(UUID ballotId, String branchName, int year, String form, String group, List<Subject> subjects,
      List<Item> items, List<Option> options, BigDecimal min, BigDecimal max) {}

  public record RatingInput(String subjectId, String item, String option, BigDecimal score) {}

  public record CastVoteInput(String code, List<RatingInput> ratings) {}

  public record CodeValue(String code, BigDecimal value) {}

  public record SubjectTally(Member member, int raters, List<CodeValue> itemAverages, List<CodeValue> optionCounts,
      List<CodeValue> groupAverages) {}

  /** votes: codes spent; subjects: only once the ballot is closed with its quorum (state says which). */
  public record Results(String state, boolean quorumReached, int votes, int minRaters, int minGroupRaters, List<SubjectTally> subjects) {}

  // ---------------------------------------------------------------- opening and closing

  public Mono<Opened> open(CurrentUser user, OpenBallotInput in) {
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    return scope.mono(tenant, db -> requireManages(db, user, branchId)
        .then(organizations.find(db, tenant, branchId))
        .flatMap(branch -> members.inBranch(db, tenant, branchId).collectList().flatMap(all -> {
          List<Member> list = all.stream().filter(Member::scored).toList();
          var category = branch.scoringCategory(list);
          if (category.isEmpty()) {
            return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有需要测评的党员"));
          }
          return schemes.pinnedEngine(db, tenant, in.year(), category.get().name()).flatMap(pinned -> {
            Scheme.Ballot form = pinned.engine().scheme().ballot();
            if (form == null) {
              return Mono.error(DomainException.badRequest("NO_BALLOT_FORM", "该方案没有民主测评"));
            }
            Integer memberRaters = form.raters() != null && form.raters().allMembers()
                ? (int) all.stream().filter(m -> m.status() == Member.MemberStatus.ACTIVE).count() : null;
            List<IssuedCode> codes = issue(tenant, form, in, memberRaters);
            UUID id = UUID.randomUUID();
            return com.jifen.shared.Sql.bind(db.sql("insert into ballot (tenant_id, ballot_id, branch_id, year, scheme_code, scheme_version, form, "
                    + "min_raters, codes_issued, opened_by, member_raters) values (:t, :id, :b, :y, :sc, :sv, :form, :min, :n, :by, :mr)")
                .bind("t", tenant.value()).bind("id", id).bind("b", branchId).bind("y", in.year())
                .bind("sc", pinned.schemeCode()).bind("sv", pinned.version()).bind("form", form.form().name())
                .bind("min", form.minRaters()).bind("n", codes.size()).bind("by", user.username()),
                    "mr", memberRaters, Integer.class)
                .fetch().rowsUpdated()
                .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("BALLOT_EXISTS",
                    "%s %d 年的民主测评已发起过".formatted(branch.name(), in.year()), Map.of()))
                // stored in the order of their keyed hashes, so the rows' physical order says nothing of the printed sheet's
                .then(db.sql("insert into ballot_code (tenant_id, code_hash, ballot_id, rater_group) "
                        + "select :t, h, :id, g from unnest(:hashes::text[], :groups::text[]) as u(h, g) order by h")
                    .bind("t", tenant.value()).bind("id", id)
                    .bind("hashes", codes.stream().map(c -> codeHash.of(tenant, c.code())).toArray(String[]::new))
                    .bind("groups", codes.stream().map(IssuedCode::group).toArray(String[]::new))
                    .fetch().rowsUpdated())
                .then(find(db, tenant, id))
                .map(ballot -> new Opened(ballot, codes, sheet(branch, ballot, codes)));
          });
        })));
  }

  /** memberRaters: the branch's active members when the scheme has all of them rate, else null. */
  private static List<IssuedCode> issue(TenantId tenant, Scheme.Ballot form, OpenBallotInput in, Integer memberRaters) {
    List<IssuedCode> codes = new ArrayList<>();
    if (form.form() == Scheme.BallotForm.RATER_GROUPS) {
      if (in.groups() == null || in.groups().isEmpty()) {
        throw DomainException.badRequest("GROUPS_REQUIRED", "请为每个评价主体给出参评人数 (groups)");
      }
      Set<String> known = new HashSet<>();
      form.groups().forEach(g -> known.add(g.code()));
      for (RaterGroupCountInput g : in.groups()) {
        if (!known.contains(g.group())) {
          throw DomainException.badRequest("UNKNOWN_GROUP", "方案中没有评价主体 " + g.group());
        }
        for (int i = 0; i < g.raters(); i++) {
          codes.add(new IssuedCode(code(tenant), g.group()));
        }
      }
    } else if (memberRaters != null) {
      int raters = sizedByRule(form.raters(), in, memberRaters);
      for (int i = 0; i < raters; i++) {
        codes.add(new IssuedCode(code(tenant), null));
      }
    } else {
      int raters = in.raters() == null ? 0 : in.raters();
      if (raters < form.minRaters()) {
        throw DomainException.badRequest("TOO_FEW_RATERS",
            "参评人数至少 %d 人（全体党员和群众代表），填写的是 %d".formatted(form.minRaters(), raters));
      }
      for (int i = 0; i < raters; i++) {
        codes.add(new IssuedCode(code(tenant), null));
      }
    }
    if (codes.size() < form.minRaters() || codes.size() > MAX_CODES) {
      throw DomainException.badRequest("TOO_FEW_RATERS", "参评人数须在 %d 到 %d 之间".formatted(form.minRaters(), MAX_CODES));
    }
    return codes;
  }

  /**
   * All members plus at least the scheme's mass representatives (seed 001: 全体党员和群众代表(不少于10名)): given as the
   * number of mass representatives, or as a total that must cover both.
   */
  private static int sizedByRule(Scheme.Raters rule, OpenBallotInput in, int memberRaters) {
    int least = memberRaters + rule.minMassRepresentatives();
    if (in.massRepresentatives() != null) {
      if (in.raters() != null && in.raters() != memberRaters + in.massRepresentatives()) {
        throw DomainException.badRequest("RATERS_MISMATCH", "参评人数 %d 与全体党员 %d 人加群众代表 %d 名不一致"
            .formatted(in.raters(), memberRaters, in.massRepresentatives()));
      }
      if (in.massRepresentatives() < rule.minMassRepresentatives()) {
        throw DomainException.badRequest("TOO_FEW_MASS_REPRESENTATIVES", "群众代表不少于 %d 名，填写的是 %d"
            .formatted(rule.minMassRepresentatives(), in.massRepresentatives()));
      }
      return memberRaters + in.massRepresentatives();
    }
    int raters = in.raters() == null ? 0 : in.raters();
    if (raters < least) {
      throw DomainException.badRequest("TOO_FEW_RATERS", "参评人数为全体党员 %d 人加群众代表不少于 %d 名，至少 %d 人，填写的是 %d"
          .formatted(memberRaters, rule.minMassRepresentatives(), least, raters));
    }
    return raters;
  }

  /** TENANT-XXXX-XXXX-XXXX: 60 random bits; the tenant prefix lets a code find its township without an account. */
  static String code(TenantId tenant) {
    StringBuilder sb = new StringBuilder(tenant.value());
    for (int group = 0; group < 3; group++) {
      sb.append('-');
      for (int i = 0; i < 4; i++) {
        sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
      }
    }
    return sb.toString();
  }

  private static com.jifen.shared.Xlsx.File sheet(Organization branch, Ballot ballot, List<IssuedCode> codes) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      rows.add(List.of(i + 1, codes.get(i).code(), rater(ballot, codes.get(i), i), "□ 已发放"));
    }
    String title = "%s %d 年度民主测评 测评码（每码限投一次，请沿线裁开分发）".formatted(branch.name(), ballot.year());
    return com.jifen.shared.Xlsx.File.xlsx("ballot-codes-%s-%d.xlsx".formatted(branch.code(), ballot.year()),
        com.jifen.shared.Xlsx.write(title, List.of("序号", "测评码", "评价主体", "发放"), rows));
  }

  /** The printed rater of a code: its group, or for a ballot sized by its members, 党员 for the first ones, then 群众代表. */
  private static String rater(Ballot ballot, IssuedCode code, int index) {
    if (code.group() != null) {
      return code.group();
    }
    if (ballot.memberRaters() == null) {
      return "";
    }
    return index < ballot.memberRaters() ? "党员" : "群众代表";
  }

  /** Closing ends voting and counts the votes once: the tally is kept with the ballot (see tallies). */
  public Mono<Ballot> close(CurrentUser user, String ballotId) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("测评", ballotId);
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(b -> requireManages(db, user, b.branchId())
        .then(db.sql("update ballot set state = 'CLOSED', closed_by = :by, closed_at = now() "
                + "where tenant_id = :t and ballot_id = :id and state = 'OPEN'")
            .bind("by", user.username()).bind("t", tenant.value()).bind("id", id).fetch().rowsUpdated())
        .then(find(db, tenant, id))));
  }

  public Mono<Ballot> get(CurrentUser user, String ballotId) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("测评", ballotId);
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(b -> requireManages(db, user, b.branchId()).thenReturn(b)));
  }

  // ---------------------------------------------------------------- voting (no account)

  private record CodeInfo(TenantId tenant, String hash, UUID ballotId, String group) {}

  /**
   * One answer for a code that does not exist and for one already spent, to both castVote and ballotForm: telling
   * them apart would tell a guesser which codes were real.
   */
  private static final String INVALID_CODE = "测评码无效或已使用，请核对后重新输入 (invalid or used code)";

  private static DomainException spentCode() {
    return new DomainException(ErrorKind.NOT_FOUND, "INVALID_CODE", INVALID_CODE);
  }

  /**
   * The same answer as a spent code, told apart only inside the service: a code never issued is a guess and counts
   * against the guesser (BallotGuessing); a spent one is a rater pressing twice and does not.
   */
  static final class UnknownCode extends DomainException {
    UnknownCode() {
      super(ErrorKind.NOT_FOUND, "INVALID_CODE", INVALID_CODE);
    }
  }

  /** An issued code not yet spent. */
  private Mono<CodeInfo> resolve(DatabaseClient db, TenantId tenant, String code) {
    String h = codeHash.of(tenant, code);
    return db.sql("select c.ballot_id, c.rater_group, exists (select 1 from ballot_spent_code s where s.tenant_id = c.tenant_id "
            + "and s.code_hash = c.code_hash) as spent from ballot_code c where c.tenant_id = :t and c.code_hash = :h")
        .bind("t", tenant.value()).bind("h", h)
        .map(r -> Boolean.TRUE.equals(r.get("spent", Boolean.class)) ? Optional.<CodeInfo>empty()
            : Optional.of(new CodeInfo(tenant, h, r.get("ballot_id", UUID.class), r.get("rater_group", String.class)))).one()
        .switchIfEmpty(Mono.error(UnknownCode::new))
        .flatMap(info -> Mono.justOrEmpty(info).switchIfEmpty(Mono.error(BallotService::spentCode)));
  }

  private static TenantId tenantOf(String code) {
    if (code == null || code.indexOf('-') < 2) {
      throw new UnknownCode();
    }
    try {
      return new TenantId(code.trim().toUpperCase().substring(0, code.trim().indexOf('-')));
    } catch (DomainException e) {
      throw new UnknownCode();
    }
  }

  public Mono<Form> form(String code) {
    TenantId tenant = tenantOf(code);
    return scope.mono(tenant, db -> resolve(db, tenant, code).flatMap(info -> find(db, tenant, info.ballotId())
        .flatMap(b -> Mono.zip(organizations.find(db, tenant, b.branchId()), scored(db, tenant, b.branchId()))
            .flatMap(t -> engineOf(db, tenant, b).map(scheme -> {
              Scheme.Ballot f = scheme.ballot();
              List<Item> items = f.form() == Scheme.BallotForm.ITEM_SCORES
                  ? scheme.items().stream().map(i -> new Item(i.code(), i.name(), f.min(), f.max())).toList() : List.of();
              List<Option> options = f.options().stream().map(o -> new Option(o.code(), o.name(), o.points())).toList();
              return new Form(b.id(), t.getT1().name(), b.year(), b.form(), info.group(),
                  t.getT2().stream().map(m -> new Subject(m.id(), m.code(), m.name())).toList(), items, options, f.min(), f.max());
            })))));
  }

  private Mono<Scheme> engineOf(DatabaseClient db, TenantId tenant, Ballot b) {
    return schemes.engine(tenant, db, b.schemeCode(), b.schemeVersion()).map(e -> e.scheme());
  }

  /**
   * One vote, in one transaction: the code is spent and the ratings are added to the ballot's tally, and no vote row
   * is written. Every vote rewrites every tally row of its ballot, chosen or not, so after it all of them carry its
   * transaction id and a fresh physical place: what PostgreSQL records of a vote (xmin, ctid, order) is the same
   * whatever was chosen, and the spent-code row, linked to the tally only by that shared transaction, says that a
   * code was spent, not what it voted.
   */
  public Mono<Boolean> cast(CastVoteInput in) {
    TenantId tenant = tenantOf(in.code());
    if (in.ratings() == null || in.ratings().isEmpty()) {
      throw DomainException.badRequest("EMPTY_VOTE", "选票为空");
    }
    return scope.mono(tenant, db -> resolve(db, tenant, in.code()).flatMap(info -> lockForVote(db, tenant, info.ballotId())
        .then(find(db, tenant, info.ballotId()))
        .flatMap(b -> {
          if (!"OPEN".equals(b.state())) {
            return Mono.error(DomainException.badRequest("BALLOT_CLOSED", "本次测评已结束，不能再投票"));
          }
          return Mono.zip(engineOf(db, tenant, b), scored(db, tenant, b.branchId())).flatMap(t -> {
            List<Object[]> rows = validate(t.getT1().ballot(), t.getT1(), t.getT2(), in.ratings());
            return db.sql("insert into ballot_spent_code (tenant_id, code_hash) values (:t, :h)")
                .bind("t", tenant.value()).bind("h", info.hash()).fetch().rowsUpdated()
                .onErrorMap(DuplicateKeyException.class, e -> spentCode())
                .then(BallotTally.add(db, tenant, b.id(), t.getT1(), t.getT2(), info.group(), rows))
                .thenReturn(true);
          });
        })));
  }

  /** Each rated member gets a complete rating in the form's shape; a member left out is an abstention. */
  private static List<Object[]> validate(Scheme.Ballot form, Scheme scheme, List<Member> subjects, List<RatingInput> ratings) {
    Map<UUID, Member> byId = new HashMap<>();
    subjects.forEach(m -> byId.put(m.id(), m));
    Map<UUID, Map<String, BigDecimal>> bySubject = new LinkedHashMap<>();
    for (RatingInput r : ratings) {
      UUID subject = Ids.parse("党员", r.subjectId());
      if (!byId.containsKey(subject)) {
        throw DomainException.badRequest("NOT_A_SUBJECT", "选票中有不属于本次测评的党员");
      }
      Map<String, BigDecimal> values = bySubject.computeIfAbsent(subject, k -> new LinkedHashMap<>());
      String key;
      BigDecimal value;
      switch (form.form()) {
        case ITEM_SCORES -> {
          if (scheme.itemIndex(String.valueOf(r.item())) < 0) {
            throw DomainException.badRequest("UNKNOWN_ITEM", "测评表中没有项目 " + r.item());
          }
          key = r.item();
          value = r.score();
        }
        case GRADE_VOTES -> {
          if (form.options().stream().noneMatch(o -> o.code().equals(r.option()))) {
            throw DomainException.badRequest("UNKNOWN_OPTION", "选项应为 " + form.options().stream().map(o -> o.code() + "(" + o.name() + ")").toList());
          }
          key = r.option();
          value = BigDecimal.ONE;
          if (!values.isEmpty()) {
            throw DomainException.badRequest("ONE_OPTION", "每名党员只能选一个等次: " + byId.get(subject).name());
          }
        }
        default -> {
          key = "SCORE";
          value = r.score();
        }
      }
      if (form.form() != Scheme.BallotForm.GRADE_VOTES
          && (value == null || value.compareTo(form.min()) < 0 || value.compareTo(form.max()) > 0)) {
        throw DomainException.badRequest("OUT_OF_RANGE", "评分须在 %s–%s 之间".formatted(form.min().toPlainString(), form.max().toPlainString()));
      }
      if (values.put(key, value) != null) {
        throw DomainException.badRequest("DUPLICATE_RATING", "同一党员同一项目重复评分: " + byId.get(subject).name());
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (var e : bySubject.entrySet()) {
      if (form.form() == Scheme.BallotForm.ITEM_SCORES && e.getValue().size() != scheme.items().size()) {
        throw DomainException.badRequest("INCOMPLETE_RATING",
            "对 %s 须评完全部 %d 项".formatted(byId.get(e.getKey()).name(), scheme.items().size()));
      }
      e.getValue().forEach((code, value) -> rows.add(new Object[] {e.getKey(), code, value}));
    }
    return rows;
  }

  // ---------------------------------------------------------------- results

  /**
   * Results exist only for a closed ballot that reached its quorum: while it is open, only how many codes are spent.
   * A rater group (or, without groups, a member's raters) below the scheme's minimum is never shown alone.
   */
  public Mono<Results> results(CurrentUser user, String ballotId) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("测评", ballotId);
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(b -> requireManages(db, user, b.branchId())
        .then(engineOf(db, tenant, b)).flatMap(scheme -> {
          int minGroup = scheme.ballot().minGroupRaters();
          if (!"CLOSED".equals(b.state()) || b.votes() < b.minRaters()) {
            return Mono.just(new Results(b.state(), false, b.votes(), b.minRaters(), minGroup, List.of()));
          }
          Set<String> self = new HashSet<>();
          scheme.ballot().groups().stream().filter(Scheme.RaterGroup::selfAssessment).forEach(g -> self.add(g.code()));
          return Mono.zip(tallies(db, tenant, b), scored(db, tenant, b.branchId())).map(t -> {
            List<SubjectTally> subjects = new ArrayList<>();
            for (Member m : t.getT2()) {
              SubjectYear.BallotTally tally = t.getT1().get(m.id());
              if (tally != null) {
                subjects.add(subjectTally(m, tally, minGroup, self));
              }
            }
            return new Results(b.state(), true, b.votes(), b.minRaters(), minGroup, subjects);
          });
        })));
  }

  private static SubjectTally subjectTally(Member m, SubjectYear.BallotTally tally, int minGroup, Set<String> self) {
    if (tally.groups().isEmpty()) {
      // one group, the member's raters: fewer than the minimum and their ratings are not shown
      if (tally.raters() < minGroup) {
        return new SubjectTally(m, tally.raters(), List.of(), List.of(), List.of());
      }
      List<CodeValue> items = new ArrayList<>();
      if (tally.itemSums() != null) {
        for (int i = 0; i < tally.itemSums().length; i++) {
          items.add(new CodeValue(String.valueOf(i + 1), tally.itemSums()[i].divide(BigDecimal.valueOf(tally.raters()), 2, RoundingMode.HALF_UP)));
        }
      }
      List<CodeValue> options = tally.optionCounts().entrySet().stream()
          .map(e -> new CodeValue(e.getKey(), BigDecimal.valueOf(e.getValue()))).toList();
      return new SubjectTally(m, tally.raters(), items, options, List.of());
    }
    List<CodeValue> groups = SmallGroups.release(tally.groups(), minGroup, self).stream()
        .map(g -> new CodeValue(g.code(), g.sum().divide(BigDecimal.valueOf(g.count()), 2, RoundingMode.HALF_UP)))
        .toList();
    return new SubjectTally(m, tally.raters(), List.of(), List.of(), groups);
  }

  /** The branch's ballot of a year, if any. */
  public Mono<Ballot> ofBranch(DatabaseClient db, TenantId tenant, UUID branchId, int year) {
    return db.sql(SELECT + " where b.tenant_id = :t and b.branch_id = :br and b.year = :y")
        .bind("t", tenant.value()).bind("br", branchId).bind("y", year).map(BallotService::read).one();
  }

  /**
   * Tallies per member for the engine: the votes, never the voters, as every vote left them (rows no vote chose yet
   * are not read). One row per member, its tallies as one text (see Tuples).
   */
  public Mono<Map<UUID, SubjectYear.BallotTally>> tallies(DatabaseClient db, TenantId tenant, Ballot b) {
    return engineOf(db, tenant, b).flatMap(scheme -> db.sql("select subject_id, "
                + "string_agg(criterion || ' ' || rater_group || ' ' || votes || ' ' || total, ';') as tally from ballot_tally "
                + "where tenant_id = :t and ballot_id = :b and votes > 0 group by subject_id")
            .bind("t", tenant.value()).bind("b", b.id())
            .map(r -> Map.entry(r.get("subject_id", UUID.class), tally(scheme, Tuples.parse(r.get("tally", String.class)))))
            .all().collectMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** tuples: (criterion, rater group or "", votes, sum of values). */
  private static SubjectYear.BallotTally tally(Scheme scheme, String[][] tuples) {
    return switch (scheme.ballot().form()) {
      case ITEM_SCORES -> {
        BigDecimal[] sums = new BigDecimal[scheme.items().size()];
        java.util.Arrays.fill(sums, BigDecimal.ZERO);
        int raters = 0;
        for (String[] t : tuples) {
          sums[scheme.itemIndex(t[0])] = new BigDecimal(t[3]);
          raters = Math.max(raters, Integer.parseInt(t[2]));
        }
        yield SubjectYear.BallotTally.ofItemSums(raters, sums);
      }
      case GRADE_VOTES -> {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String[] t : tuples) {
          counts.put(t[0], Integer.parseInt(t[2]));
        }
        yield SubjectYear.BallotTally.ofVotes(counts);
      }
      case RATER_GROUPS -> {
        Map<String, SubjectYear.GroupTally> groups = new LinkedHashMap<>();
        for (String[] t : tuples) {
          groups.put(t[1].isEmpty() ? null : t[1], new SubjectYear.GroupTally(new BigDecimal(t[3]), Integer.parseInt(t[2])));
        }
        yield SubjectYear.BallotTally.ofGroups(groups);
      }
    };
  }

  // ---------------------------------------------------------------- helpers

  /** votes: the ballot's spent codes, the only trace a vote leaves besides the tally. */
  private static final String SELECT = "select b.*, (select count(*)::int from ballot_code c join ballot_spent_code s "
      + "on s.tenant_id = c.tenant_id and s.code_hash = c.code_hash where c.tenant_id = b.tenant_id and c.ballot_id = b.ballot_id) "
      + "as votes from ballot b";

  /**
   * Votes of a ballot take turns on its row: each rewrites all of the ballot's tally rows, and closing (an update)
   * waits for the vote under way, so a closed ballot's tally counts every vote that was accepted.
   */
  private static Mono<Void> lockForVote(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql("select 1 from ballot where tenant_id = :t and ballot_id = :id for no key update")
        .bind("t", tenant.value()).bind("id", id).map(r -> 1).all().then();
  }

  private Mono<Ballot> find(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql(SELECT + " where b.tenant_id = :t and b.ballot_id = :id").bind("t", tenant.value()).bind("id", id)
        .map(BallotService::read).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("测评", id)));
  }

  private static Ballot read(Readable r) {
    OffsetDateTime closed = r.get("closed_at", OffsetDateTime.class);
    return new Ballot(new TenantId(r.get("tenant_id", String.class)), r.get("ballot_id", UUID.class), r.get("branch_id", UUID.class),
        r.get("year", Integer.class), r.get("scheme_code", String.class), r.get("scheme_version", Integer.class),
        r.get("form", String.class), r.get("min_raters", Integer.class), r.get("codes_issued", Integer.class),
        r.get("votes", Integer.class), r.get("state", String.class), r.get("opened_by", String.class),
        r.get("opened_at", OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant(),
        r.get("member_raters", Integer.class));
  }

  private Mono<List<Member>> scored(DatabaseClient db, TenantId tenant, UUID branchId) {
    return members.inBranch(db, tenant, branchId).filter(Member::scored).collectList();
  }

  private Mono<Void> requireManages(DatabaseClient db, CurrentUser user, UUID branchId) {
    return members.requireManages(db, user, branchId, "只有本支部书记或乡镇管理员可以管理本支部的测评");
  }
}
