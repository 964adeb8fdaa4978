package io.playstream.router.filter;

import java.util.List;
import java.util.stream.Collectors;

/** An expression did not compile; {@link #issues()} says where and why. */
public final class FilterCompileException extends Exception {
  private final String expression;
  private final List<ExpressionIssue> issues;

  public FilterCompileException(String expression, List<ExpressionIssue> issues) {
    super(
        "expression does not compile: "
            + issues.stream().map(ExpressionIssue::toString).collect(Collectors.joining("; ")));
    this.expression = expression;
    this.issues = List.copyOf(issues);
  }

  public String expression() {
    return expression;
  }

  public List<ExpressionIssue> issues() {
    return issues;
  }
}
