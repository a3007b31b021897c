package com.jifen.identity;

import graphql.schema.DataFetchingEnvironment;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.stereotype.Component;

/**
 * Lets a GraphQL controller method take {@code CurrentUser caller} as a parameter, so the caller is resolved in one
 * place instead of every resolver starting with {@code CurrentUsers.current().flatMap(...)}. Spring Boot adds every
 * {@link HandlerMethodArgumentResolver} bean to the {@code AnnotatedControllerConfigurer}, and the handler awaits a
 * {@code Mono} argument before invoking the method: an unauthenticated call fails with the same UNAUTHORIZED error as
 * before and the method never runs. Batch mappings take no custom arguments and still call {@link CurrentUsers}.
 */
@Component
class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == CurrentUser.class;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
    return CurrentUsers.current();
  }
}
