package com.jifen.shared;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitor;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.function.BiFunction;

/**
 * Wraps the data fetcher of every field of the Mutation type, for rules that hold for every write (the audit
 * trail, integration clients' write permission). Registered as a type visitor, it runs before Spring GraphQL
 * adapts controllers' Monos, so a wrapper sees the controller's own Mono and can add to its Reactor context.
 */
public final class MutationFetchers {
  private MutationFetchers() {}

  /** wrap receives the Mutation field's name and its data fetcher and returns the one to use. */
  public static GraphQLTypeVisitor wrapping(BiFunction<String, DataFetcher<?>, DataFetcher<?>> wrap) {
    return new GraphQLTypeVisitorStub() {
      @Override
      public TraversalControl visitGraphQLFieldDefinition(
          GraphQLFieldDefinition field, TraverserContext<GraphQLSchemaElement> context) {
        if (context.getParentNode() instanceof GraphQLObjectType parent && parent.getName().equals("Mutation")) {
          GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
          FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
          registry.dataFetcher(coordinates, wrap.apply(field.getName(), registry.getDataFetcher(coordinates, field)));
        }
        return TraversalControl.CONTINUE;
      }
    };
  }
}
