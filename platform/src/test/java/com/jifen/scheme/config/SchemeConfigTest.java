package com.jifen.scheme.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.jifen.scheme.engine.SeedSchemes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each kind of bad configuration gets: the whole file rejected, every error with file:line:column and path. */
class SchemeConfigTest {

  private static List<String> errors(String file, String yaml) {
    return catchThrowableOfType(SchemeConfigException.class, () -> SchemeLoader.load(file, yaml))
        .errors().stream().map(ConfigError::toString).toList();
  }

  private static String s1(String from, String to) {
    String text = SeedSchemes.text(SeedSchemes.S1);
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  @ParameterizedTest
  @ValueSource(strings = {SeedSchemes.S1, SeedSchemes.S2, SeedSchemes.S3, SeedSchemes.S4})
  void shippedSchemesAreValid(String file) {
    assertThat(SeedSchemes.load(file).code()).isNotBlank();
  }

  @Test
  void wrongTypeNamesLineColumnAndPath() {
    var errors = errors("schemes/s1.yaml", s1("{code: DUTY,       name: 履职尽责,     frequency: MONTHLY, min: 0, max: 10}",
        "{code: DUTY,       name: 履职尽责,     frequency: MONTHLY, min: 0, max: ten}"));
    assertThat(errors).singleElement().asString().startsWith("schemes/s1.yaml:13:68 items[4].max: ");
  }

  @Test
  void nonPositiveMaximum() {
    var errors = errors("schemes/s1.yaml", s1("{code: DUTY,       name: 履职尽责,     frequency: MONTHLY, min: 0, max: 10}",
        "{code: DUTY,       name: 履职尽责,     frequency: MONTHLY, min: 0, max: 0}"));
    assertThat(errors).singleElement().asString().startsWith("schemes/s1.yaml:13:68 ").endsWith("items[4].max: 必须大于 0 (must be > 0)");
  }

  @Test
  void anUnknownKeyIsReportedAtTheKeyItsLineAndColumnNotAtItsObject() {
    var errors = errors("s.yaml", s1("rounding: {scale: 2, mode: HALF_UP}", "rounding: {scale: 2, mode: HALF_UP, precision: 3}"));
    assertThat(errors).singleElement().asString().startsWith("s.yaml:6:37 rounding.precision: ").contains("precision");
    // a misspelt key deep in the file, at its own line (issue 14: it used to point at line 2)
    var deep = errors("s.yaml", s1("    ballotWeight: 20", "    ballotWieght: 20"));
    int line = java.util.Arrays.asList(SeedSchemes.text(SeedSchemes.S1).split("\n")).indexOf("    ballotWeight: 20") + 1;
    assertThat(deep).anySatisfy(e -> assertThat(e).startsWith("s.yaml:%d:5 formula[0].ballotWieght: ".formatted(line)));
  }

  @Test
  void unknownItemInSelfSeparationAndUnknownEntryKindInFormula() {
    String yaml = SeedSchemes.text(SeedSchemes.S2)
        .replace("selfSeparation: {items: [ORG_LIFE, DUES]", "selfSeparation: {items: [ORG_LIFE, PARTY_DUES]")
        .replace("type: ENTRY_SUM, entryKind: ACHIEVEMENT", "type: ENTRY_SUM, entryKind: BONUS");
    var errors = errors("s2.yaml", yaml);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).contains("formula[1].entryKind: 未定义的积分类别: BONUS");
    assertThat(errors.get(1)).contains("selfSeparation.items[1]: 未定义的考核项目或积分类别: PARTY_DUES");
  }

  @Test
  void gradeBandsWithAGapOrAnOverlap() {
    var gap = errors("g.yaml", s1("{from: 60, to: 80,  grade: BASIC", "{from: 60, to: 75,  grade: BASIC"));
    assertThat(gap).singleElement().asString().contains("grades[1].from").contains("区间有空档 75–80");
    var overlap = errors("g.yaml", s1("{from: 60, to: 80,  grade: BASIC", "{from: 60, to: 85,  grade: BASIC"));
    assertThat(overlap).singleElement().asString().contains("区间重叠 80–85");
    var open = errors("g.yaml", s1("{to: 60,            grade: UNQUALIFIED", "{from: 0, to: 60,   grade: UNQUALIFIED"));
    assertThat(open).singleElement().asString().contains("最低一档须不设下限");
  }

  @Test
  void weightsMustSumToHundred() {
    var items = errors("w.yaml", s1("ballotWeight: 20", "ballotWeight: 25"));
    assertThat(items).singleElement().asString().contains("formula[0].ballotWeight").contains("现为 105%");
    String s3 = SeedSchemes.text(SeedSchemes.S3).replace("{code: ORG,   name: 组织评价, weight: 40}", "{code: ORG,   name: 组织评价, weight: 30}");
    assertThat(errors("s3.yaml", s3)).singleElement().asString().contains("ballot.groups").contains("现为 90%");
  }

  @Test
  void capBelowASingleEntrysMaximum() {
    String yaml = SeedSchemes.text(SeedSchemes.S2).replace("min: 1, max: 10, capPerYear: 60", "min: 1, max: 10, capPerYear: 8");
    assertThat(errors("s2.yaml", yaml)).singleElement().asString()
        .contains("entryKinds[0].capPerYear").contains("封顶值 8 低于单次最高分 10");
  }

  @Test
  void everyErrorIsReportedNotJustTheFirst() {
    String yaml = s1("ballotWeight: 20", "ballotWeight: 30")
        .replace("{from: 60, to: 80,  grade: BASIC", "{from: 65, to: 80,  grade: BASIC")
        .replace("monthlyWeight: 80", "monthlyWeight: 80\n    extra: 1");
    // the schema error (extra) and both semantic errors, in one answer, in line order
    var all = errors("x.yaml", yaml);
    assertThat(all).hasSize(3);
    assertThat(all).anySatisfy(e -> assertThat(e).contains("formula[0].extra"));
    assertThat(all).anySatisfy(e -> assertThat(e).contains("formula[0].ballotWeight"));
    assertThat(all).anySatisfy(e -> assertThat(e).contains("grades[2].from"));
  }

  @Test
  void yamlSyntaxError() {
    var errors = errors("bad.yaml", "code: X\nname: [unclosed\n");
    assertThat(errors).singleElement().asString().startsWith("bad.yaml:").contains("YAML 语法错误");
  }
}
