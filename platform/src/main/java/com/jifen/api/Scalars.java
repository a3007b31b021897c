package com.jifen.api;

import com.jifen.shared.TypedId;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.WiringFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Date, DateTime and Decimal travel as strings; a malformed value is a BAD_REQUEST naming the format. */
@Configuration
class Scalars {

  @Bean
  RuntimeWiringConfigurer scalarWiring() {
    return wiring -> wiring
        .scalar(scalar("Date", "日期格式应为 YYYY-MM-DD", LocalDate::parse, LocalDate.class))
        .scalar(scalar("DateTime", "时间格式应为 ISO-8601", Instant::parse, Object.class))
        .scalar(scalar("Decimal", "应为十进制数字字符串，如 \"9.5\"", BigDecimal::new, BigDecimal.class));
  }

  /**
   * A typed id of com.jifen.shared in an ID field travels as its UUID text. The built-in ID scalar knows no record and
   * graphql-java refuses to redefine it, so the fields that no resolver fetches (a record's {@code id}) unwrap it here;
   * without this every type with a typed {@code id} would need a resolver of its own.
   */
  @Bean
  RuntimeWiringConfigurer typedIdWiring() {
    return new RuntimeWiringConfigurer() {
      @Override
      public void configure(RuntimeWiring.Builder builder) {}

      @Override
      public void configure(RuntimeWiring.Builder builder, List<WiringFactory> container) {
        container.add(new WiringFactory() {
          @Override
          public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
            if (!"ID".equals(GraphQLTypeUtil.unwrapAll(environment.getFieldType()).getName())) {
              return null;
            }
            PropertyDataFetcher<Object> property = PropertyDataFetcher.fetching(environment.getFieldDefinition().getName());
            return env -> {
              Object value = property.get(env);
              return value instanceof TypedId id ? id.value().toString() : value;
            };
          }
        });
      }
    };
  }

  private static <T> GraphQLScalarType scalar(String name, String hint, Function<String, T> parse, Class<?> type) {
    Coercing<T, String> coercing = new Coercing<>() {
      @Override
      public String serialize(Object value, GraphQLContext context, Locale locale) {
        return switch (value) {
          case BigDecimal d -> d.toPlainString();
          case OffsetDateTime t -> t.toInstant().toString();
          case LocalDate d -> d.toString();
          case Instant i -> i.toString();
          case null -> throw new CoercingSerializeException("null " + name);
          default -> value.toString();
        };
      }

      @Override
      public T parseValue(Object input, GraphQLContext context, Locale locale) {
        try {
          return parse.apply(input.toString().trim());
        } catch (DateTimeParseException | NumberFormatException e) {
          throw new CoercingParseValueException("%s: %s (%s)".formatted(name, hint, input));
        }
      }

      @Override
      public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (!(input instanceof StringValue s)) {
          throw new CoercingParseLiteralException(name + ": " + hint);
        }
        try {
          return parse.apply(s.getValue().trim());
        } catch (DateTimeParseException | NumberFormatException e) {
          throw new CoercingParseLiteralException("%s: %s (%s)".formatted(name, hint, s.getValue()));
        }
      }
    };
    return GraphQLScalarType.newScalar().name(name).coercing(coercing).build();
  }
}
