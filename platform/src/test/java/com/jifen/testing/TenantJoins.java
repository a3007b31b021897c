package com.jifen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SQL in the service's sources that reads two township tables without tying them to one township. The SQL is
 * what the source holds: Java string literals and text blocks (adjacent ones joined by {@code +} read as one
 * statement) and the Liquibase changelogs (statement by statement, a function body as one). In a statement that names two or more township
 * tables, every township table it names must have its {@code tenant_id} compared for equality (with another
 * table's {@code tenant_id} or with a bound township), and a {@code JOIN … ON} of a township table must carry that
 * comparison in its own condition, so that each join is co-located on one Citus shard and can never pair rows of two
 * townships. A source scan, not a parser: it reads the SQL as written, which is what decides co-location.
 */
public final class TenantJoins {
  private TenantJoins() {}

  /** A township table named in a statement without its tenant tied. */
  public record Violation(String source, String table, String alias, String why, String sql) {
    @Override
    public String toString() {
      return source + ": " + table + " " + alias + " — " + why + "\n    " + sql;
    }
  }

  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\s*\\n(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern REFERENCE = Pattern.compile(
      "\\b(from|join|update)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)\\b(?!\\s*\\()(?:\\s+(?:as\\s+)?([a-z_][a-z0-9_]*))?");
  private static final Pattern COMMA_REFERENCE = Pattern.compile(
      "\\G\\s*,\\s*([a-z_][a-z0-9_]*)\\b(?!\\s*\\()(?:\\s+(?:as\\s+)?([a-z_][a-z0-9_]*))?");
  /** Words that can follow a table name where an alias would stand. */
  private static final Set<String> NOT_ALIASES = Set.of("where", "on", "join", "left", "right", "inner", "full", "cross",
      "natural", "group", "order", "limit", "using", "set", "union", "returning", "for", "lateral", "having", "window",
      "offset", "except", "intersect", "values", "select", "and", "or", "as", "fetch", "tablesample", "into", "when",
      "then", "else", "end", "do", "loop", "is", "not", "in", "with", "default", "partition", "rows", "range");
  /** Where a join's ON condition ends. */
  private static final Pattern CLAUSE_END = Pattern.compile(
      "\\b(join|left|right|inner|full|cross|where|group|order|limit|union|having|window|returning|except|intersect)\\b|;");

  /** Every violation in the Java sources under {@code javaRoot} and the SQL files under {@code sqlRoot}. */
  public static List<Violation> scan(Path javaRoot, Path sqlRoot, Set<String> townshipTables) {
    List<Violation> found = new ArrayList<>();
    forEachFile(javaRoot, ".java", (file, text) -> {
      for (String sql : javaSql(text)) {
        found.addAll(check(javaRoot.relativize(file).toString(), sql, townshipTables));
      }
    });
    if (sqlRoot != null) {
      forEachFile(sqlRoot, ".sql", (file, text) -> {
        for (String statement : sqlStatements(stripSqlComments(text))) {
          found.addAll(check(sqlRoot.relativize(file).toString(), statement, townshipTables));
        }
      });
    }
    return found;
  }

  /** The SQL statements of one Java file: text blocks and runs of string literals joined by {@code +}. */
  static List<String> javaSql(String java) {
    List<int[]> spans = new ArrayList<>();
    List<String> values = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(java);
    while (blocks.find()) {
      spans.add(new int[] {blocks.start(), blocks.end()});
      values.add(blocks.group(1));
    }
    Matcher literals = LITERAL.matcher(java);
    int from = 0;
    while (literals.find(from)) {
      int start = literals.start();
      int[] inBlock = spans.stream().filter(s -> start >= s[0] && start < s[1]).findFirst().orElse(null);
      if (inBlock != null) {
        from = inBlock[1];
        continue;
      }
      spans.add(new int[] {literals.start(), literals.end()});
      values.add(literals.group(1));
      from = literals.end();
    }
    // in source order, and a run of pieces separated only by '+' (and line breaks) is one statement
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Integer.compare(spans.get(x)[0], spans.get(y)[0]));
    List<String> statements = new ArrayList<>();
    StringBuilder current = null;
    int lastEnd = -1;
    for (int i : order) {
      boolean continues = current != null && java.substring(lastEnd, spans.get(i)[0]).matches("\\s*\\+\\s*");
      if (!continues) {
        if (current != null) {
          statements.add(current.toString());
        }
        current = new StringBuilder();
      }
      current.append(values.get(i)).append(' ');
      lastEnd = spans.get(i)[1];
    }
    if (current != null) {
      statements.add(current.toString());
    }
    return statements;
  }

  /** The violations of one statement (or changeset). */
  public static List<Violation> check(String source, String statement, Set<String> townshipTables) {
    String sql = statement.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    record Ref(String table, String alias, boolean join, int end) {}
    List<Ref> refs = new ArrayList<>();
    Matcher m = REFERENCE.matcher(sql);
    while (m.find()) {
      refs.add(ref(m.group(2), m.group(3), m.group(1).equals("join"), m.end(), townshipTables, Ref::new));
      if (m.group(1).equals("from")) {
        // from a x, b y: the comma list
        int at = m.group(3) == null || NOT_ALIASES.contains(m.group(3)) ? m.end(2) : m.end();
        Matcher c = COMMA_REFERENCE.matcher(sql);
        while (c.find(at)) {
          refs.add(ref(c.group(1), c.group(2), false, c.end(), townshipTables, Ref::new));
          at = c.group(2) == null || NOT_ALIASES.contains(c.group(2)) ? c.end(1) : c.end();
        }
      }
    }
    List<Ref> township = refs.stream().filter(r -> r != null && townshipTables.contains(r.table())).toList();
    if (township.size() < 2) {
      return List.of();
    }
    List<Violation> found = new ArrayList<>();
    String excerpt = sql.strip().length() > 300 ? sql.strip().substring(0, 300) + " …" : sql.strip();
    for (Ref r : township) {
      String a = Pattern.quote(r.alias());
      // tied: alias.tenant_id = <another table's tenant_id, a bound parameter, the session's township, a trigger row's>
      Pattern tied = Pattern.compile("\\b" + a + "\\.tenant_id\\s*=\\s*(?:[a-z_][a-z0-9_]*\\.tenant_id\\b|[:$]|app_tenant\\(\\)|'|any\\s*\\()"
          + "|(?:[a-z_][a-z0-9_]*\\.tenant_id|[:$][a-z0-9_]+|app_tenant\\(\\))\\s*=\\s*" + a + "\\.tenant_id\\b"
          + (r.alias().equals(r.table()) ? "|(?<![.\\w])tenant_id\\s*=" : ""));
      if (r.join() && !sql.startsWith(" using", r.end()) && !sql.startsWith("using", r.end())) {
        int on = sql.indexOf(" on ", r.end() - 1);
        if (on < 0 || !sql.substring(r.end(), on).isBlank()) {
          found.add(new Violation(source, r.table(), r.alias(), "joined without an ON condition", excerpt));
          continue;
        }
        String condition = condition(sql, on + 4);
        if (!tied.matcher(condition).find()) {
          found.add(new Violation(source, r.table(), r.alias(), "ON condition does not tie tenant_id: " + condition.strip(), excerpt));
        }
      } else if (r.join()) {
        if (!sql.substring(r.end()).matches(" ?using \\([^)]*\\btenant_id\\b.*")) {
          found.add(new Violation(source, r.table(), r.alias(), "USING without tenant_id", excerpt));
        }
      } else if (!tied.matcher(sql).find() && !sql.matches(".* using \\([^)]*\\btenant_id\\b.*")) {
        found.add(new Violation(source, r.table(), r.alias(), "tenant_id never compared", excerpt));
      }
    }
    return found;
  }

  private interface RefMaker<R> {
    R make(String table, String alias, boolean join, int end);
  }

  private static <R> R ref(String table, String alias, boolean join, int end, Set<String> tables, RefMaker<R> make) {
    boolean aliased = alias != null && !NOT_ALIASES.contains(alias);
    // the alias matched a keyword: the reference ends at the table name
    int refEnd = aliased || alias == null ? end : end - alias.length() - 1;
    return make.make(table, aliased ? alias : table, join, aliased || alias == null ? end : refEnd);
  }

  /** The ON condition from {@code start} to the next clause at the same parenthesis depth. */
  private static String condition(String sql, int start) {
    int depth = 0;
    for (int i = start; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        if (depth == 0) {
          return sql.substring(start, i);
        }
        depth--;
      } else if (depth == 0) {
        Matcher end = CLAUSE_END.matcher(sql).region(i, sql.length());
        if (end.lookingAt() && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
          return sql.substring(start, i);
        }
      }
    }
    return sql.substring(start);
  }

  /** Statements split at semicolons, except inside dollar-quoted bodies (a function's body is one statement). */
  static List<String> sqlStatements(String sql) {
    List<String> statements = new ArrayList<>();
    boolean inBody = false;
    int start = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.startsWith("$$", i)) {
        inBody = !inBody;
        i++;
      } else if (sql.charAt(i) == ';' && !inBody) {
        statements.add(sql.substring(start, i));
        start = i + 1;
      }
    }
    statements.add(sql.substring(start));
    return statements;
  }

  private static String stripSqlComments(String sql) {
    return sql.replaceAll("--[^\\n]*", " ");
  }

  private static void forEachFile(Path root, String suffix, java.util.function.BiConsumer<Path, String> action) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
        action.accept(f, Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
