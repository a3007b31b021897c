package com.jifen.demo;

import com.jifen.organization.Gender;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.OrganizationKind;
import com.jifen.organization.VillageType;
import com.jifen.demo.TownshipConfig.Shape;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a county's townships, organization trees and members deterministically from a seed: the same
 * seed gives the same county, so demos, tests and benchmarks can rely on it. Pure: no I/O.
 */
public final class DemoCounty {
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文斌海燕春梅红梅玉兰德明永平金凤长青光明";
  private static final String[] VILLAGES = {"青山", "石桥", "柳林", "河湾", "杨庄", "李家", "新村", "东坡", "西岭", "南沟", "北塘", "枣园", "梨树", "桃花", "松柏", "竹园", "瓦窑", "马坊"};
  private static final String[] COMMUNITIES = {"城南", "城北", "幸福", "和平", "朝阳", "建设", "团结", "光明"};
  private static final String[] ORGANS = {"党政办", "财政所", "农业服务中心", "司法所", "派出所", "中心学校", "文化站", "社保所"};
  private static final String[] HOSPITALS = {"卫生院内科", "卫生院外科", "卫生院护理部", "卫生院行政后勤", "妇幼保健", "公共卫生"};
  private static final String[] ENTERPRISES = {"兴达机械", "宏远建材", "绿源食品", "恒通物流", "华星电子", "金穗农业", "鑫隆纺织", "天宇化工", "晨光包装", "永安汽配", "博雅文化", "德信商贸"};

  private DemoCounty() {}

  public record Org(String code, String name, OrganizationKind kind, MemberCategory category, String parentCode) {}

  public record Person(
      String code, String name, Gender gender, MemberCategory category, VillageType villageType, String branchCode,
      LocalDate joinDate, String phone, String exemptReason) {}

  public record Township(TownshipConfig config, List<Org> organizations, List<Person> members) {
    public List<Org> branches() {
      return organizations.stream().filter(o -> o.kind() == OrganizationKind.BRANCH).toList();
    }
  }

  /** The demo county of tenant-config/tenants (about 1,500 members in three townships). */
  public static List<Township> demo(long seed) {
    return generate(seed, TownshipConfig.shipped());
  }

  /**
   * A full county of the size in seed 002: 13 townships, 181 branches, 9,263 members. Township codes are
   * B01…B13, so it can sit beside the demo county.
   */
  public static List<Township> fullCounty(long seed) {
    List<Plan> plans = new ArrayList<>();
    int membersLeft = 9_263;
    for (int i = 0; i < 13; i++) {
      int branches = i < 12 ? 14 : 13; // 12 × 14 + 13 = 181
      int members = i < 12 ? Math.round(9_263f * branches / 181) : membersLeft;
      membersLeft -= members;
      Shape shape = Shape.values()[i % 3];
      int generals = shape == Shape.VILLAGE ? 2 : 3;
      int[] perGeneral = new int[generals];
      for (int g = 0; g < generals; g++) {
        perGeneral[g] = share(branches, generals, g + 1);
      }
      plans.add(new Plan(new TownshipConfig("B%02d".formatted(i + 1), "第%d乡镇".formatted(i + 1), "BENCH", "基准县",
          shape, "BRANCH", Map.of(), generals, 0, members), perGeneral));
    }
    return generatePlans(seed, plans);
  }

  public static List<Township> generate(long seed, List<TownshipConfig> configs) {
    return generatePlans(seed, configs.stream().map(c -> {
      int[] perGeneral = new int[c.generalBranches()];
      java.util.Arrays.fill(perGeneral, c.branchesPerGeneralBranch());
      return new Plan(c, perGeneral);
    }).toList());
  }

  /** A township to generate and how many branches each general branch has. */
  private record Plan(TownshipConfig config, int[] branchesPerGeneral) {}

  private static List<Township> generatePlans(long seed, List<Plan> plans) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Township> result = new ArrayList<>();
    for (Plan p : plans) {
      result.add(township(random.split(), p));
    }
    return result;
  }

  private static Township township(SplittableRandom random, Plan plan) {
    TownshipConfig c = plan.config();
    List<Org> orgs = new ArrayList<>();
    String t = c.code();
    orgs.add(new Org(t, c.name() + "党委", OrganizationKind.COMMITTEE, null, null));
    List<Org> branches = new ArrayList<>();
    Map<MemberCategory, Integer> named = new java.util.EnumMap<>(MemberCategory.class);
    for (int g = 1; g <= plan.branchesPerGeneral().length; g++) {
      MemberCategory category = categoryOf(c.shape(), g);
      String generalCode = t + "-Z" + g;
      orgs.add(new Org(generalCode, generalName(category, g), OrganizationKind.GENERAL_BRANCH, category, t));
      for (int b = 1; b <= plan.branchesPerGeneral()[g - 1]; b++) {
        int index = named.merge(category, 1, Integer::sum) - 1;
        Org branch = new Org("%s-%02d".formatted(generalCode, b), branchName(category, index),
            OrganizationKind.BRANCH, category, generalCode);
        orgs.add(branch);
        branches.add(branch);
      }
    }
    // branch sizes vary (20–80 weight), scaled to the township's member count exactly
    int[] weights = new int[branches.size()];
    int weightSum = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 20 + random.nextInt(61);
      weightSum += weights[i];
    }
    int[] sizes = new int[weights.length];
    int assigned = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = (int) ((long) c.members() * weights[i] / weightSum);
      assigned += sizes[i];
    }
    for (int i = 0; assigned < c.members(); i = (i + 1) % sizes.length) {
      sizes[i]++;
      assigned++;
    }
    List<Person> people = new ArrayList<>();
    int seq = 0;
    for (int i = 0; i < branches.size(); i++) {
      Org branch = branches.get(i);
      for (int k = 0; k < sizes[i]; k++) {
        seq++;
        people.add(person(random, t, seq, branch));
      }
    }
    return new Township(c, List.copyOf(orgs), List.copyOf(people));
  }

  private static int share(int total, int parts, int index) {
    return total / parts + (index <= total % parts ? 1 : 0);
  }

  private static Person person(SplittableRandom random, String township, int seq, Org branch) {
    String name = SURNAMES.charAt(random.nextInt(SURNAMES.length()))
        + (random.nextBoolean() ? String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))) : "")
        + GIVEN.charAt(random.nextInt(GIVEN.length()));
    Gender gender = random.nextInt(100) < 68 ? Gender.MALE : Gender.FEMALE;
    VillageType type = null;
    if (branch.category().typed()) {
      int roll = random.nextInt(100);
      type = roll < 15 ? VillageType.WITH_POST : roll < 90 ? VillageType.WITHOUT_POST : VillageType.MOBILE;
    }
    LocalDate joined = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(365 * 64));
    String phone = "1" + (3 + random.nextInt(7)) + "%09d".formatted(random.nextInt(1_000_000_000));
    // the first two members of a township are the demo secretary and member accounts: never exempt
    String exempt = seq > 2 && random.nextInt(100) == 0 ? (random.nextBoolean() ? "年老体弱" : "长期患病") : null;
    return new Person("%s-%05d".formatted(township, seq), name, gender, branch.category(), type, branch.code(), joined,
        phone, exempt);
  }

  private static MemberCategory categoryOf(Shape shape, int general) {
    return switch (shape) {
      case VILLAGE -> general % 2 == 1 ? MemberCategory.VILLAGE : MemberCategory.COMMUNITY;
      case ORGAN_HOSPITAL -> general % 2 == 1 ? MemberCategory.ORGAN : MemberCategory.HOSPITAL;
      case ENTERPRISE -> general % 3 == 0 ? MemberCategory.SOCIAL_ORGANIZATION : MemberCategory.ENTERPRISE;
    };
  }

  private static String generalName(MemberCategory category, int g) {
    return switch (category) {
      case VILLAGE -> "农村第" + g + "党总支";
      case COMMUNITY -> "社区党总支";
      case ORGAN -> "机关党总支";
      case HOSPITAL -> "卫生院党总支";
      case ENTERPRISE -> "非公企业第" + g + "党总支";
      case SOCIAL_ORGANIZATION -> "社会组织党总支";
    };
  }

  private static String branchName(MemberCategory category, int index) {
    String[] names = switch (category) {
      case VILLAGE -> VILLAGES;
      case COMMUNITY -> COMMUNITIES;
      case ORGAN -> ORGANS;
      case HOSPITAL -> HOSPITALS;
      case ENTERPRISE, SOCIAL_ORGANIZATION -> ENTERPRISES;
    };
    String base = names[index % names.length] + (index >= names.length ? String.valueOf(index / names.length + 1) : "");
    return switch (category) {
      case VILLAGE -> base + "村党支部";
      case COMMUNITY -> base + "社区党支部";
      case SOCIAL_ORGANIZATION -> base + "协会党支部";
      case ENTERPRISE -> base + "公司党支部";
      default -> base + "党支部";
    };
  }
}
