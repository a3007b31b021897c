package com.jifen.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.AbortExecutionException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** A cancelled execution (the client went away) is recognised however it is wrapped, so it is not logged as a fault. */
class GraphQlErrorsTest {

  @Test
  void cancellationsAreRecognisedThroughTheirCauses() {
    assertThat(GraphQlErrors.cancelled(new CancellationException())).isTrue();
    assertThat(GraphQlErrors.cancelled(new IllegalStateException("wrapped", new ClosedChannelException()))).isTrue();
    assertThat(GraphQlErrors.cancelled(new AbortExecutionException("Execution has been asked to be cancelled"))).isTrue();
    assertThat(GraphQlErrors.cancelled(new IllegalStateException("a fault"))).isFalse();
  }
}
