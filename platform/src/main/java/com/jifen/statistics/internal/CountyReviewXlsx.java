package com.jifen.statistics.internal;

import com.jifen.shared.Xlsx;
import com.jifen.statistics.internal.CountyReview.ComparisonRow;
import com.jifen.statistics.internal.CountyReview.CountyComparison;
import com.jifen.statistics.internal.ReviewAlarmService.ReviewAlarm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** 县级评审导出: the comparison and the alarms as one workbook, one sheet each, in Chinese. */
final class CountyReviewXlsx {
  private CountyReviewXlsx() {}

  static final Map<String, String> CATEGORIES = Map.of("VILLAGE", "农村", "COMMUNITY", "社区", "ORGAN", "机关", "ENTERPRISE", "企业",
      "HOSPITAL", "医院", "SOCIAL_ORGANIZATION", "社会组织");

  static final Map<AlarmRule, String> RULES = Map.of(AlarmRule.UNIFORM_SCORING, "评分大锅饭", AlarmRule.LATE_CONFIRMATION, "月度评分确认滞后",
      AlarmRule.SAME_DAY_ENTRY, "多月评分同日突击录入", AlarmRule.RUBBER_STAMP_BALLOT, "民主测评一边倒", AlarmRule.QUORUM_BARELY_MET,
      "测评人数刚达下限", AlarmRule.SELF_ASSESSMENT_COPIED, "确认分照抄自评分", AlarmRule.QUOTA_EDGE, "季度之星按名额轮流");

  static Xlsx.File write(CountyComparison c, List<ReviewAlarm> alarms) {
    List<String> headers = List.of("乡镇", "党员类别", "积分方案", "党员数", "参评党员", "参评率", "应交月表", "已确认", "已公示", "按时确认",
        "按时率", "确认滞后中位天数", "补录条目", "已总评", "最低分", "下四分位", "中位数", "上四分位", "最高分", "平均分", "等次分布", "星级分布",
        "异议", "异议成立", "逾期未整改通知", "上年方案", "上年党员数", "上年参评率", "上年中位数", "上年按时率");
    List<List<Object>> rows = new ArrayList<>();
    c.rows().forEach(r -> rows.add(row(r.township().name(), r)));
    c.totals().forEach(r -> rows.add(row("全县合计", r)));
    List<List<Object>> alarmRows = new ArrayList<>();
    for (ReviewAlarm a : alarms) {
      alarmRows.add(List.of(a.township().name(), a.branch().name(), RULES.get(a.rule()), a.period(), a.message(),
          a.figures().stream().map(f -> f.code() + "=" + f.value().toPlainString()).collect(Collectors.joining("; ")),
          a.acknowledgement() == null ? "未处理" : "已处理", a.acknowledgement() == null ? "" : a.acknowledgement().by(),
          a.acknowledgement() == null ? "" : a.acknowledgement().comment()));
    }
    byte[] bytes = Xlsx.write(List.of(
        new Xlsx.Table("乡镇对比", "%s %d 年 %d–%d 月 乡镇党员积分管理对比（人数少于 5 人的群体不展示）".formatted(c.county(), c.year(), c.fromMonth(), c.toMonth()),
            headers, rows),
        new Xlsx.Table("预警", "%s %d 年 积分管理预警".formatted(c.county(), c.year()),
            List.of("乡镇", "支部", "预警类型", "期间", "说明", "触发数据", "状态", "处理人", "处理意见"), alarmRows)));
    return Xlsx.File.xlsx("county-review-%s-%d.xlsx".formatted(c.county(), c.year()), bytes);
  }

  private static List<Object> row(String township, ComparisonRow r) {
    ReviewFigures f = r.current();
    ReviewFigures p = r.previous();
    List<Object> row = new ArrayList<>(List.of(township, CATEGORIES.getOrDefault(r.category(), r.category()), text(r.schemeCode()), f.members()));
    if (f.suppressed()) {
      row.add("（不足 5 人，不展示）");
    } else {
      row.addAll(java.util.Arrays.asList(f.membersEvaluated(), f.participation(), f.sheetsExpected(), f.sheetsConfirmed(), f.sheetsPublished(),
          f.sheetsOnTime(), f.onTimeShare(), f.medianConfirmDelayDays(), f.lateEntries(), f.graded(), f.totalMin(), f.totalP25(),
          f.totalMedian(), f.totalP75(), f.totalMax(), f.totalMean(), counts(f.grades()), counts(f.stars()), f.objections(),
          f.objectionsUpheld(), f.overdueNotices()));
    }
    while (row.size() < 25) {
      row.add(null);
    }
    row.addAll(java.util.Arrays.asList(text(r.previousSchemeCode()) + (r.comparable() ? "" : "（方案不同，不可直接比较）"), p.members(),
        p.suppressed() ? null : p.participation(), p.suppressed() ? null : p.totalMedian(), p.suppressed() ? null : p.onTimeShare()));
    return row;
  }

  private static String counts(List<ReviewFigures.Count> counts) {
    return counts.stream().map(c -> c.code() + ":" + c.value()).collect(Collectors.joining(" "));
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
